import { describe, expect, it } from 'vitest';
import { dayOf, formatDay } from './dates.ts';
import type { HistoryQuery } from './history-query.ts';
import { type HistoryPage, historyWindows } from './history-windows.ts';
import type { HistoryRow } from './schemas.ts';

/** A minimal in-memory Tautulli: rows with started times; filters by user and inclusive UTC days. */
function server(starts: number[], userId = 7) {
  const calls: HistoryQuery[] = [];
  const rows = starts.map((started, i) => ({ row_id: i + 1, user_id: userId, started }) as unknown as HistoryRow);
  const fetch = async (query: HistoryQuery): Promise<HistoryPage> => {
    calls.push(query);
    const matching = rows
      .filter((r) => r.user_id === query.user_id)
      .filter((r) => {
        const day = formatDay(dayOf(r.started));
        return (!query.after || day >= query.after) && (!query.before || day <= query.before);
      })
      .sort((a, b) => a.started - b.started);
    const start = query.start ?? 0;
    return {
      rows: matching.slice(start, start + (query.length ?? 25)),
      recordsFiltered: matching.length,
      recordsTotal: rows.length,
    };
  };
  return { fetch, calls, rows };
}

const DAY = 86_400;
const T0 = Date.UTC(2026, 0, 1) / 1000;

async function collect(gen: AsyncGenerator<HistoryRow>): Promise<number[]> {
  const out: number[] = [];
  for await (const row of gen) out.push(row.row_id ?? -1);
  return out;
}

describe('historyWindows', () => {
  it('returns every row since the time once, in order, asking ascending by date window', async () => {
    const starts = Array.from({ length: 60 }, (_, i) => T0 + i * 3 * DAY + 100);
    const s = server(starts);
    const since = T0 + 10 * DAY;
    const ids = await collect(
      historyWindows(s.fetch, 7, since, { pageLength: 10, now: () => new Date((T0 + 200 * DAY) * 1000) }),
    );
    expect(ids).toEqual(s.rows.filter((r) => r.started >= since).map((r) => r.row_id));
    for (const call of s.calls) {
      expect(call).toMatchObject({
        user_id: 7,
        order_column: 'date',
        order_dir: 'asc',
        include_activity: false,
        grouping: false,
      });
    }
  });

  it('halves dense windows instead of paging with big offsets, and pages only inside one day', async () => {
    // 30 plays a day for 10 days, then 55 plays on one day
    const starts = [
      ...Array.from({ length: 300 }, (_, i) => T0 + Math.floor(i / 30) * DAY + (i % 30) * 60),
      ...Array.from({ length: 55 }, (_, i) => T0 + 20 * DAY + i * 60),
    ];
    const s = server(starts);
    const ids = await collect(
      historyWindows(s.fetch, 7, T0, { pageLength: 25, windowDays: 16, now: () => new Date((T0 + 25 * DAY) * 1000) }),
    );
    expect(ids).toEqual(s.rows.map((r) => r.row_id));
    for (const call of s.calls) {
      expect(call.start ?? 0).toBeLessThan(55);
      if ((call.start ?? 0) > 0) expect(call.after).toBe(call.before);
    }
  });

  it('starts a day early for the server time zone and drops rows before the time', async () => {
    const since = T0 + 5 * DAY + 12 * 3600;
    const s = server([since - 3600, since, since + 3600]);
    const ids = await collect(historyWindows(s.fetch, 7, since, { now: () => new Date((since + DAY) * 1000) }));
    expect(ids).toEqual([2, 3]);
    expect(s.calls[0]?.after).toBe(formatDay(dayOf(since) - 1));
  });

  it('grows sparse windows so that a long quiet history costs few calls', async () => {
    const s = server([T0 + 700 * DAY]);
    const ids = await collect(
      historyWindows(s.fetch, 7, T0, { windowDays: 7, now: () => new Date((T0 + 720 * DAY) * 1000) }),
    );
    expect(ids).toEqual([1]);
    expect(s.calls.length).toBeLessThan(12);
  });
});
