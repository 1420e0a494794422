import { describe, expect, it } from 'vitest';
import { historyParams } from './history-query.ts';

describe('historyParams', () => {
  it('turns a query into Tautulli parameters, activity off by default', () => {
    expect(
      historyParams({
        user_id: [1001, 1002],
        grandparent_rating_key: '5001',
        media_type: 'track',
        after: '2026-01-01',
        order_column: 'date',
        order_dir: 'asc',
        start: 0,
        length: 100,
        grouping: false,
      }),
    ).toEqual({
      user_id: '1001,1002',
      grandparent_rating_key: '5001',
      media_type: 'track',
      after: '2026-01-01',
      order_column: 'date',
      order_dir: 'asc',
      start: 0,
      length: 100,
      include_activity: 0,
      grouping: 0,
      rating_key: undefined,
      parent_rating_key: undefined,
      section_id: undefined,
    });
    expect(historyParams({ include_activity: true }).include_activity).toBe(1);
  });

  it('refuses what Tautulli would choke on or silently ignore', () => {
    expect(() => historyParams({ user_id: [] })).toThrow(/user_id/);
    expect(() => historyParams({ user_id: 1.5 })).toThrow(/user_id/);
    expect(() => historyParams({ before: '01/02/2026' })).toThrow(/before/);
    expect(() => historyParams({ start: -1 })).toThrow(/start/);
    expect(() => historyParams({ length: 20_000 })).toThrow(/length/);
    expect(() => historyParams({ rating_key: 'abc' })).toThrow(/rating_key/);
    expect(() => historyParams({ order_column: 'percent_complete' as 'date' })).toThrow(/order_column/);
  });
});
