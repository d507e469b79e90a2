import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryFilter, HourlyStats } from '../../../../shared/contract/history-schemas';
import { HISTORY_STATUSES } from '../../../../shared/contract/history-schemas';
import { errorText, formatDateTime, formatYuan } from '../../components/format';
import { useStation } from '../../state/station-context';
import { useDebounced } from '../../state/use-debounced';
import { createHistoryPages } from './history-pages';
import { HourlyChart } from './HourlyChart';
import { VirtualList } from './VirtualList';

const ROW_HEIGHT = 34;

function dayBound(date: string, end: boolean): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  return end ? new Date(y, m - 1, d, 23, 59, 59, 999).getTime() : new Date(y, m - 1, d).getTime();
}

function statusText(t: (k: string) => string, kind: string, status: string): string {
  return kind === 'order' ? t(`history.orderStatus.${status}`) : t(`payments.statusText.${status}`);
}

export function HistoryView() {
  const { t } = useTranslation();
  const station = useStation();
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<'' | 'order' | 'payment'>('');
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [stats, setStats] = useState<HourlyStats | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);

  const searched = useDebounced(search.trim(), 250);
  const filter = useMemo<HistoryFilter>(
    () => ({
      ...(searched ? { search: searched } : {}),
      ...(kind ? { kind } : {}),
      ...(status ? { status } : {}),
      ...(dayBound(from, false) !== undefined ? { from: dayBound(from, false) } : {}),
      ...(dayBound(to, true) !== undefined ? { to: dayBound(to, true) } : {}),
    }),
    [searched, kind, status, from, to],
  );
  const pages = useMemo(() => createHistoryPages(station, filter, redraw), [station, filter]);
  useEffect(() => pages.ensure(0, 1), [pages]);
  const onRange = useCallback((s: number, e: number) => pages.ensure(s, e), [pages]);

  useEffect(() => {
    let live = true;
    const load = (): void => {
      station.invoke('stats:today', {}).then(
        (s) => live && setStats(s),
        () => undefined,
      );
    };
    load();
    const id = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [station]);

  const exportCsv = async (): Promise<void> => {
    try {
      const r = await station.invoke('history:exportCsv', filter);
      const url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setNote(t('history.exported', { n: r.rows }));
    } catch (err) {
      setNote(t('common.failed', { message: errorText(err) }));
    }
  };

  const total = pages.total ?? 0;
  return (
    <div className="view view-history">
      <div className="view-head">
        <h1>{t('history.title')}</h1>
        <button type="button" className="btn" onClick={() => void exportCsv()}>
          {t('history.export')}
        </button>
      </div>
      <HourlyChart stats={stats} />
      <div className="filters" role="search">
        <input
          type="search"
          className="filter-search"
          placeholder={t('history.search')}
          aria-label={t('history.search')}
          value={search}
          maxLength={64}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          aria-label={t('history.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as typeof kind)}
        >
          <option value="">{t('history.kindAll')}</option>
          <option value="order">{t('history.kindOrder')}</option>
          <option value="payment">{t('history.kindPayment')}</option>
        </select>
        <select aria-label={t('history.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('history.statusAll')}</option>
          {HISTORY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {['new', 'accepted', 'done'].includes(s)
                ? t(`history.orderStatus.${s}`)
                : t(`payments.statusText.${s}`)}
            </option>
          ))}
        </select>
        <label className="filter-date">
          {t('history.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="filter-date">
          {t('history.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <span className="filter-total" data-testid="history-total">
          {t('history.total', { n: total })}
        </span>
      </div>
      {(note || pages.error) && (
        <div className={`alert ${pages.error ? 'alert-bad' : 'alert-info'}`} role="status">
          {pages.error ? t('common.failed', { message: pages.error }) : note}
        </div>
      )}
      <div className="history-table">
        <div className="history-row history-header" role="row">
          <span>{t('history.columns.kind')}</span>
          <span>{t('history.columns.orderNo')}</span>
          <span>{t('history.columns.status')}</span>
          <span className="num">{t('history.columns.amount')}</span>
          <span>{t('history.columns.device')}</span>
          <span className="num">{t('history.columns.rush')}</span>
          <span>{t('history.columns.created')}</span>
        </div>
        {pages.total === 0 ? (
          <p className="empty">{t('history.empty')}</p>
        ) : (
          <VirtualList
            total={total}
            rowHeight={ROW_HEIGHT}
            onRangeChange={onRange}
            label={t('history.title')}
            renderRow={(i) => {
              const r = pages.row(i);
              if (!r) return <div className="history-row is-loading">{t('common.loading')}</div>;
              return (
                <div className={`history-row kind-${r.kind}`}>
                  <span>{t(`history.rowKind.${r.kind}`)}</span>
                  <span className="order-no">{r.orderNo}</span>
                  <span className={`status-text status-${r.status}`}>{statusText(t, r.kind, r.status)}</span>
                  <span className="num">¥{formatYuan(r.amountFen)}</span>
                  <span className="muted">{r.deviceSerial ?? ''}</span>
                  <span className="num">{r.kind === 'order' ? r.rushCount : ''}</span>
                  <span className="muted">{formatDateTime(r.createdAt)}</span>
                </div>
              );
            }}
          />
        )}
      </div>
    </div>
  );
}
