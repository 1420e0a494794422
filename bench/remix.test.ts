import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFakeDemucsModel } from '@autoalex/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './remix.bench.ts';

// The remix bench runs end to end in its quick forms: without a model (the model rows skipped with a
// note) and with a tiny graph of the real contract's shapes standing in for HTDemucs.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-remix-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('remix bench', { timeout: 120_000 }, () => {
  it('skips the model rows with a clear note when no model is given, and still measures the floor and the cache', async () => {
    const report = await run(['--track-seconds', '12', '--model', '']);
    expect(report.notes?.[0]).toMatch(/^Model rows skipped: no real-size HTDemucs ONNX file\. Set DEMUCS_BENCH_MODEL=/);
    const metrics = report.rows.map((r) => r.metric);
    expect(metrics).toContain('peak MatMul GFLOP/s (fp32, n=2048)');
    expect(metrics).toContain('repeat remix, 0.2-min track, cache hit (s)');
    const hit = report.rows.find((r) => r.metric === 'repeat remix, 0.2-min track, cache hit (s)');
    expect(Object.keys(hit?.values ?? {})).toEqual(['pipeline', 'previous steps']);
    expect(report.rows.find((r) => r.metric === 'peak MatMul GFLOP/s (fp32, n=2048)')?.values.floor).toBeGreaterThan(0);
  });

  it('measures a model per variant, each in its own process, in alternation; says why optimised rows are missing', async () => {
    const model = join(dir, 'contract-shaped.onnx');
    await writeFakeDemucsModel(model, {
      waveGain: [
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    });
    const report = await run([
      '--track-seconds',
      '12',
      '--model',
      model,
      '--runs',
      '2',
      '--cache-runs',
      '1',
      '--variants',
      'plain,plain/arena-off,optimised',
    ]);
    const memory = report.rows.find((r) => r.metric === 'peak memory (MB)');
    expect(Object.keys(memory?.values ?? {})).toEqual(['plain', 'plain/arena-off']);
    const segment = report.rows.find((r) => r.metric === 'seconds per 7.8 s segment');
    expect(segment?.values.plain).toBeGreaterThanOrEqual(0);
    expect(report.rows.find((r) => r.metric.startsWith('  × plain'))?.values.plain).toBe(1);
    // The contract-shaped stand-in has no attention to rewrite (or python3-onnx is missing): said, not hidden.
    expect(report.notes?.some((n) => n.startsWith('Optimised rows skipped:'))).toBe(true);
    expect(report.rows.find((r) => r.metric === '0.2-min track, one stem (s)')?.values).toHaveProperty('floor');
  });
});
