import { useTranslation } from 'react-i18next';
import type { TicketLine, TicketOrder } from '../../../../shared/printing/ticket-template';
import { orderTicket } from '../../../../shared/printing/ticket-template';
import { charWidth } from '../../../../shared/printing/text-width';

/** A made-up order that shows every part of the ticket: items, customer, note. */
export const PREVIEW_ORDER: TicketOrder = {
  orderNo: 'A1024',
  amountFen: 6300,
  items: [
    { name: '宫保鸡丁', qty: 1, priceFen: 2800 },
    { name: '米饭', qty: 2, priceFen: 200 },
    { name: 'Coke 可乐', qty: 3, priceFen: 1000 },
  ],
  customer: { name: '张先生', phoneTail: '6688' },
  note: '少辣，不要香菜',
  // 2026-12-02 12:30 in China, so the preview does not change from one minute to the next.
  createdAt: Date.UTC(2026, 11, 2, 4, 30),
  rushCount: 0,
};

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
