import { createLogger, createRedis } from '@autoalex/runtime';
import { testRedisUrl } from '@autoalex/testkit';
import { describe, expect, it } from 'vitest';
import { run } from './ingress.bench.ts';

// The bench itself, briefly, so it cannot rot: every interaction of both paths gets exactly one
// first response (type 4), the table has its rows, and nothing is left in the shared Redis.
describe('ingress bench', () => {
  it('measures both paths and reports the bus overhead', async () => {
    const report = await run([
      '--rate',
      '50',
      '--duration',
      '1',
      '--block',
      '1',
      '--warmup',
      '0',
      '--worker',
      'in-process',
      '--redis',
      testRedisUrl(),
    ]);
    const row = (metric: string) => report.rows.find((r) => r.metric === metric)?.values;
    expect(row('interactions sent')).toEqual({ baseline: 50, suite: 50 });
    expect(row('first responses')).toEqual({ baseline: 50, suite: 50 });
    expect(row('first response not type 4')).toEqual({ baseline: 0, suite: 0 });
    expect(row('answered more than once')).toEqual({ baseline: 0, suite: 0 });
    expect(Object.keys(row('first response p99 (ms)') ?? {})).toEqual(['baseline', 'suite', 'bus overhead']);
    expect(report.notes?.join('\n')).toContain('deadline guard outcomes (warm-up included): answered 50.');
    expect(report.notes?.join('\n')).not.toMatch(/warnings and errors|no first response|other requests/);
    const redis = createRedis(testRedisUrl(), { logger: createLogger({ service: 'test', level: 'silent' }) });
    try {
      expect(await redis.keys(`${report.context['queue prefix']}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('refuses bad arguments with a usage error', async () => {
    await expect(run(['--rate', 'fast'])).rejects.toThrow(/--rate must be a number/);
    await expect(run(['--redis', 'localhost'])).rejects.toThrow(/--redis must be "dedicated" or a redis:\/\/ URL/);
  });
});
