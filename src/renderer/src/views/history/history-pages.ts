import type { HistoryFilter, HistoryRow } from '../../../../shared/contract/history-schemas';
import type { StationBridge } from '../../../../shared/contract/bridge-types';

export const HISTORY_PAGE_SIZE = 200;

/**
 * Pages of one history query, fetched as the list scrolls to them. A new filter makes a new
 * cache, so answers to an old filter can never land in the new list.
 */
export function createHistoryPages(station: StationBridge, filter: HistoryFilter, onChange: () => void) {
  const pages = new Map<number, HistoryRow[]>();
  const inFlight = new Set<number>();
  let total: number | null = null;
  let error: string | null = null;

  const fetchPage = async (page: number): Promise<void> => {
    if (pages.has(page) || inFlight.has(page)) return;
    inFlight.add(page);
    try {
      const r = await station.invoke('history:query', {
        ...filter,
        offset: page * HISTORY_PAGE_SIZE,
        limit: HISTORY_PAGE_SIZE,
      });
      pages.set(page, r.rows);
      total = r.total;
      error = null;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    } finally {
      inFlight.delete(page);
      onChange();
    }
  };

  return {
    get total() {
      return total;
    },
    get error() {
      return error;
    },
    row(index: number): HistoryRow | undefined {
      return pages.get(Math.floor(index / HISTORY_PAGE_SIZE))?.[index % HISTORY_PAGE_SIZE];
    },
    ensure(start: number, end: number): void {
      const first = Math.floor(start / HISTORY_PAGE_SIZE);
      const last = Math.floor(Math.max(start, end - 1) / HISTORY_PAGE_SIZE);
      for (let p = first; p <= last; p++) void fetchPage(p);
    },
  };
}
export type HistoryPages = ReturnType<typeof createHistoryPages>;
