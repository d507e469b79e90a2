import type { TFunction } from 'i18next';
import { formatFen } from '../../../shared/domain/money';

export function formatYuan(fen: number): string {
  return formatFen(fen);
}

const DAY_MS = 86_400_000;

/** 75_000 → "1:15", 3_725_000 → "1:02:05", 3 days → "3d". Negative durations show as 0:00. */
export function formatDuration(ms: number): string {
  if (ms >= DAY_MS) return `${Math.floor(ms / DAY_MS)}d`;
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export function formatAgo(t: TFunction, at: number | null, now: number): string {
  if (at === null) return t('common.never');
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return t('common.secondsAgo', { n: s });
  if (s < 3600) return t('common.minutesAgo', { n: Math.floor(s / 60) });
  return t('common.hoursAgo', { n: Math.floor(s / 3600) });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local "2026-01-05 12:03:09". */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local "12:03", for today's events. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A coded bridge error as one line for the cashier. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
