import type { HistoryFilter, HistoryRow } from '../../../shared/contract/history-schemas';
import { formatFen } from '../../../shared/domain/money';
import type { HistoryPort } from './bridge-core';

/** A spreadsheet should never freeze the station: exports stop here and say so in the name. */
export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 500;

/**
 * Quotes a cell for RFC 4180, and defuses formula injection: a cell starting with = + - @ is
 * prefixed with ' so that a spreadsheet shows it instead of running it.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(r: HistoryRow): string {
  return [
    r.kind,
    r.orderNo,
    r.status,
    formatFen(r.amountFen),
    r.deviceSerial ?? '',
    String(r.rushCount),
    new Date(r.createdAt).toISOString(),
    new Date(r.updatedAt).toISOString(),
  ]
    .map(csvCell)
    .join(',');
}

export function buildCsvExport(history: HistoryPort, filter: HistoryFilter, now: number) {
  const lines = ['kind,orderNo,status,amount,deviceSerial,rushCount,createdAt,updatedAt'];
  let offset = 0;
  for (;;) {
    const page = history.query({ ...filter, offset, limit: PAGE });
    for (const r of page.rows) lines.push(row(r));
    offset += page.rows.length;
    if (page.rows.length < PAGE || offset >= page.total || offset >= MAX_EXPORT_ROWS) break;
  }
  const stamp = new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  // A byte-order mark makes Excel read the Chinese text as UTF-8.
  return {
    filename: `station-history-${stamp}.csv`,
    csv: `\uFEFF${lines.join('\r\n')}\r\n`,
    rows: lines.length - 1,
  };
}
