import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dbToGain, localInputArgs } from '@autoalex/audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT, remixFilterGraph } from '../src/pipeline/mix-graph.ts';
import { binaries } from './helpers.ts';

// The FFmpeg filter graph on exact float input and output: the remix equation sample by sample.

const RATE = 44_100;
const FRAMES = RATE; // one second
let dir: string;

function interleave(left: (i: number) => number, right: (i: number) => number): Float32Array {
  const out = new Float32Array(FRAMES * 2);
  for (let i = 0; i < FRAMES; i++) {
    out[2 * i] = left(i);
    out[2 * i + 1] = right(i);
  }
  return out;
}

const sine = (f: number, a: number) => (i: number) => a * Math.sin((2 * Math.PI * f * i) / RATE);

async function runGraph(mix: Float32Array, stem: Float32Array, gainDb: number): Promise<Float32Array> {
  const mixPath = join(dir, 'mix.f32');
  const stemPath = join(dir, 'stem.f32');
  const outPath = join(dir, 'out.f32');
  await writeFile(mixPath, mix);
  await writeFile(stemPath, stem);
  const raw = ['-ar', String(RATE), '-ac', '2'];
  execFileSync(binaries.ffmpeg.path, [
    '-nostdin',
    '-v',
    'error',
    ...localInputArgs({ path: mixPath, format: 'f32le', options: raw }),
    ...localInputArgs({ path: stemPath, format: 'f32le', options: raw }),
    '-filter_complex',
    remixFilterGraph(gainDb),
    '-map',
    '[out]',
    '-c:a',
    'pcm_f32le',
    '-f',
    'f32le',
    '-y',
    outPath,
  ]);
  const buf = await readFile(outPath);
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remix-graph-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the remix filter graph', () => {
  // mix = A + B (two sines), stem = B: a boost or cut changes only B's share.
  const a = sine(440, 0.2);
  const b = sine(1000, 0.15);
  const mix = interleave(
    (i) => a(i) + b(i),
    (i) => a(i) - b(i),
  );
  const stem = interleave(b, (i) => -b(i));

  it.each([4, -6, -60, 12])(
    'gives mix + (gain − 1)·stem at %s dB, sample for sample (amix does not normalise)',
    async (gainDb) => {
      const out = await runGraph(mix, stem, gainDb);
      expect(out.length).toBe(mix.length);
      const k = dbToGain(gainDb) - 1;
      let worst = 0;
      for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i]! - (mix[i]! + k * stem[i]!)));
      expect(worst).toBeLessThan(1e-6);
    },
  );

  it('limits peaks over -1 dBFS instead of clipping, and leaves the rest alone', async () => {
    const loud = interleave(sine(440, 0.6), sine(440, 0.6));
    const out = await runGraph(loud, loud, 6); // 0.6 · 2 = 1.2 before the limiter
    let p = 0;
    for (const v of out) p = Math.max(p, Math.abs(v));
    expect(p).toBeLessThanOrEqual(LIMIT + 1e-4);
    expect(p).toBeGreaterThan(LIMIT * 0.95);
  });
});
