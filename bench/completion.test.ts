import { createDb } from '@autoalex/db';
import { testDatabaseServerUrl } from '@autoalex/testkit';
import { describe, expect, it } from 'vitest';
import { run } from './completion.bench.ts';

// The bench itself at 1 % scale, so it cannot rot: both syncs move the expected rows, every
// completion sample is answered, and the bench database is dropped afterwards.
describe('completion bench', () => {
  it('syncs, answers and cleans up', async () => {
    const report = await run(['--scale=0.01', '--samples=20', '--quiet', `--database-url=${testDatabaseServerUrl()}`]);
    const value = (metric: string) => report.rows.find((r) => r.metric === metric)?.values.value;
    expect(value('full sync: library rows')).toBe(20 + 50 + 500);
    expect(value('full sync: plays')).toBe(10_000);
    expect(value('incremental: plays written')).toBe(100);
    expect(Number(value('incremental: relinked plays'))).toBeGreaterThan(0);
    expect(Number(value('completion p95 (ms)'))).toBeGreaterThan(0);
    expect(report.notes?.[0]).toContain('completion answered 20/20 samples');
    const admin = createDb(testDatabaseServerUrl(), { max: 1 });
    try {
      const left = await admin.sql`select 1 from pg_database where datname = ${String(report.context.database)}`;
      expect(left).toHaveLength(0);
    } finally {
      await admin.close();
    }
  });
});
