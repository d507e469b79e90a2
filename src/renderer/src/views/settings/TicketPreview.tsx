import { useTranslation } from 'react-i18next';
import { PREVIEW_ORDER } from '../../../../shared/printing/preview-order';
import type { TicketLine } from '../../../../shared/printing/ticket-template';
import { orderTicket } from '../../../../shared/printing/ticket-template';
import { charWidth } from '../../../../shared/printing/text-width';

export interface TicketPreviewProps {
  shopName: string;
  columns: number;
}

/**
 * The order ticket as the printer lays it out, from the same template: one cell per column,
 * a CJK character on two, the packer's number at double size, so what the cashier sees here is
 * what the paper gets (the font aside).
 */
export function TicketPreview({ shopName, columns }: TicketPreviewProps) {
  const { t } = useTranslation();
  const ticket = orderTicket(PREVIEW_ORDER, { shopName, columns, utcOffsetMin: 480 });
  return (
    <figure
      className="ticket-preview"
      aria-label={t('settings.printer.preview')}
      data-testid="ticket-preview"
    >
      <figcaption>{t('settings.printer.preview')}</figcaption>
      <div className="ticket-paper" style={{ width: `calc(${columns} * var(--ticket-col))` }}>
        {ticket.lines.map((line, i) => (
          <PreviewLine key={i} line={line} />
        ))}
      </div>
    </figure>
  );
}

function PreviewLine({ line }: { line: TicketLine }) {
  const scale = line.kind === 'large' ? 2 : 1;
  const bold = line.kind === 'large' || line.bold === true;
  return (
    <div className={`ticket-line ${line.kind === 'large' ? 'is-large' : ''} ${bold ? 'is-bold' : ''}`}>
      {[...line.text].map((ch, i) => (
        <span
          key={i}
          className="ticket-cell"
          style={{ width: `calc(${charWidth(ch) * scale} * var(--ticket-col))` }}
        >
          {ch === ' ' ? '\u00a0' : ch}
        </span>
      ))}
      {line.text === '' && '\u00a0'}
    </div>
  );
}
