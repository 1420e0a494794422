import { dayOf, formatDay, toUnixSeconds } from './dates.ts';
import type { HistoryQuery } from './history-query.ts';
import type { HistoryRow } from './schemas.ts';

export interface HistoryPage {
  rows: HistoryRow[];
  recordsFiltered: number;
  recordsTotal: number;
}

export interface WindowedHistoryOptions {
  /** First window length in days (default 30); windows shrink when dense and grow when sparse. */
  windowDays?: number;
  /** Largest window in days (default 3650). */
  maxWindowDays?: number;
  /** Rows per request (default 1000). Tautulli's cost per call barely depends on it. */
  pageLength?: number;
  /** Only this media type (e.g. `track`); all types when unset. */
  mediaType?: string;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * One user's plays started at or after `since`, oldest first, each once. Instead of paging the
 * whole history with growing `start` offsets (which makes Tautulli load and slice every matching
 * row per call), it asks for one user and one date window at a time, ascending: a window holding
 * more than one page is halved until it fits (a single dense day is paged within that day). Dates
 * are the Tautulli server's local days, so the first window starts a day early and rows before
 * `since` are dropped here; windows end a day after today (UTC) for the same reason.
 * Ungrouped rows (grouping=0) are used so that a row id never changes once seen.
 */
export async function* historyWindows(
  fetch: (query: HistoryQuery) => Promise<HistoryPage>,
  userId: number,
  since: Date | number,
  options: WindowedHistoryOptions = {},
): AsyncGenerator<HistoryRow> {
  const sinceSeconds = toUnixSeconds(since);
  const pageLength = options.pageLength ?? 1000;
  const maxWindow = Math.max(1, options.maxWindowDays ?? 3650);
  let windowDays = Math.min(maxWindow, Math.max(1, options.windowDays ?? 30));
  const lastDay = dayOf(toUnixSeconds(options.now?.() ?? new Date())) + 1;
  let first = dayOf(sinceSeconds) - 1;

  const query = (from: number, to: number, start: number): HistoryQuery => ({
    user_id: userId,
    media_type: options.mediaType,
    after: formatDay(from),
    before: formatDay(to),
    order_column: 'date',
    order_dir: 'asc',
    start,
    length: pageLength,
    include_activity: false,
    grouping: false,
  });

  while (first <= lastDay) {
    const last = Math.min(first + windowDays - 1, lastDay);
    const page = await fetch(query(first, last, 0));
    if (page.recordsFiltered > pageLength && last > first) {
      windowDays = Math.max(1, Math.floor((last - first + 1) / 2));
      continue;
    }
    const seen = new Set<number>();
    const fresh = (rows: HistoryRow[]) =>
      rows.filter((row) => {
        if (row.row_id === null || row.started < sinceSeconds || seen.has(row.row_id)) return false;
        seen.add(row.row_id);
        return true;
      });
    yield* fresh(page.rows);
    // Only a single day can still hold more than a page; its offsets stay small.
    for (let start = pageLength; start < page.recordsFiltered; start += pageLength) {
      const more = await fetch(query(first, last, start));
      yield* fresh(more.rows);
      if (more.rows.length === 0) break;
    }
    first = last + 1;
    if (page.recordsFiltered < pageLength / 4) windowDays = Math.min(maxWindow, windowDays * 2);
  }
}
