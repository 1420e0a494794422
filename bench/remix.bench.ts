// `npm run bench -- remix [--model <htdemucs.onnx>] [--runs 3] [--variants a,b] [--gflop 335] [--full]
//                          [--track-seconds 240]`
//
// Stem separation cost on this machine with a real-size HTDemucs graph (DEMUCS_BENCH_MODEL or --model:
// one htdemucs_ft.<stem>.onnx, random weights are fine), next to the FLOP floor measured in the same
// run (peak fp32 MatMul rate of ONNX Runtime here), and the repeat-remix time (stem cache hit) of the
// real pipeline on a 4-minute track. Without a model file the model rows are skipped with a note.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { OVERLAP, planChunks, SEGMENT_LENGTH } from '../packages/audio/src/dsp/index.ts';
import { createSeparator, STEMS, type Stem } from '../packages/audio/src/index.ts';
import { writeFakeDemucsModel } from '../packages/audio/src/testing/index.ts';
import { createLocalBlobStore } from '../packages/storage/src/index.ts';
import { createBlobStemCache } from '../services/remix-worker/src/cache/stem-cache.ts';
import { runRemixPipeline } from '../services/remix-worker/src/pipeline/run-remix.ts';
import { withTempDir } from '../services/remix-worker/src/pipeline/temp-dir.ts';
import { acquireLocalFile } from '../services/remix-worker/src/sources/acquire.ts';
import type { BenchReport, BenchRow } from './lib/report.ts';

const ROOT = join(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'packages/audio/scripts/onnx-bench.ts');
const TRACK_SECONDS = 240;
const SAMPLE_RATE = 44_100;
/** docs/demucs.md: one HTDemucs model, one 7.8 s segment (63 % in the cross-transformer). */
const GFLOP_PER_SEGMENT = 335;
const ALL_VARIANTS = ['separator', 'mem-pattern-on', 'arena-off', 'threads-2'];

interface Options {
  trackSeconds: number;
  model: string | undefined;
  runs: number;
  variants: string[];
  gflop: number;
  full: boolean;
}

function options(args: string[]): Options {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    trackSeconds: Number(value('--track-seconds') ?? TRACK_SECONDS),
    model: value('--model') ?? (process.env.DEMUCS_BENCH_MODEL || undefined),
    runs: Number(value('--runs') ?? 3),
    variants: (value('--variants') ?? ALL_VARIANTS.join(',')).split(',').filter((v) => ALL_VARIANTS.includes(v)),
    gflop: Number(value('--gflop') ?? GFLOP_PER_SEGMENT),
    full: args.includes('--full'),
  };
}

function child<T>(args: string[]): T {
  const out = execFileSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** Model calls per stem for a track of `seconds` (one random-shift pass, overlap 0.25), as the separator plans them. */
function segmentsFor(seconds: number): number {
  const lead = 11_025; // the mean random shift; the count is the same for any lead here
  return planChunks(seconds * SAMPLE_RATE + lead, SEGMENT_LENGTH, OVERLAP).length;
}

export async function run(args: string[]): Promise<BenchReport> {
  const opts = options(args);
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const seconds = opts.trackSeconds;
  const minutes = `${round(seconds / 60, 1)}-min`;
  const segments = segmentsFor(seconds);

  // 1. The machine's FLOP floor: peak fp32 MatMul in ONNX Runtime, best of 1 and all threads.
  const threads = availableParallelism();
  const peaks = [1, threads].map((t) => child<{ gflops: number }>(['matmul', '2048', String(t)]).gflops);
  const peak = Math.max(...peaks);
  const floorSegment = opts.gflop / peak;
  rows.push({ metric: 'peak MatMul GFLOP/s (fp32, n=2048)', values: { floor: round(peak, 1) } });
  rows.push({ metric: 'seconds per 7.8 s segment', values: { floor: round(floorSegment) } });

  // 2. The real graph, per session-option variant, each in a process of its own (clean peak memory).
  let separatorSegment: number | undefined;
  let hostSeconds = 0;
  if (!opts.model) {
    notes.push(
      'Model rows skipped: no real-size HTDemucs ONNX file. Set DEMUCS_BENCH_MODEL=/path/htdemucs_ft.vocals.onnx ' +
        '(or --model): export one with tools/export-htdemucs-onnx.py (real weights) or from a randomly ' +
        'initialised HTDemucs (the cost does not depend on the weights). The FLOP floor and the cache-hit rows ' +
        'below need no model.',
    );
  } else if (!existsSync(opts.model)) {
    throw new Error(`no model file at ${opts.model}`);
  } else {
    for (const variant of opts.variants) {
      const r = child<{ loadSeconds: number; runSeconds: number[]; hostSeconds: number; peakRssMb: number }>([
        'segments',
        opts.model,
        variant,
        String(opts.runs),
      ]);
      const perSegment = median(r.runSeconds);
      if (variant === 'separator') {
        separatorSegment = perSegment;
        hostSeconds = r.hostSeconds;
      }
      const set = (metric: string, value: number) => {
        let row = rows.find((x) => x.metric === metric);
        if (!row) {
          row = { metric, values: {} };
          rows.push(row);
        }
        row.values[variant] = value;
      };
      set('seconds per 7.8 s segment', round(perSegment));
      set('  host STFT+iSTFT per segment (s)', round(r.hostSeconds, 3));
      set('model load (s)', round(r.loadSeconds));
      set('peak memory (MB)', Math.round(r.peakRssMb));
      set('x FLOP floor', round(perSegment / floorSegment));
      for (const [label, stems] of [
        ['one stem', 1],
        ['all four stems', 4],
      ] as const) {
        const total = stems * segments * (perSegment + r.hostSeconds);
        set(`${minutes} track, ${label} (s)`, round(total, 0));
        set(`  real-time factor, ${label}`, round(total / seconds));
      }
    }
    for (const [label, stems] of [
      ['one stem', 1],
      ['all four stems', 4],
    ] as const) {
      const row = rows.find((x) => x.metric === `${minutes} track, ${label} (s)`);
      if (row) row.values.floor = round(stems * segments * floorSegment, 0);
    }
    notes.push(
      `Track figures are ${segments} model calls per stem (one shift pass, overlap 0.25) times the median segment ` +
        'call plus the host STFT/iSTFT; --full also times a real one-stem separation of the track.',
    );
    if (opts.full) {
      const measured = await fullSeparation(opts.model, seconds);
      rows.push({ metric: `${minutes} track, one stem, measured (s)`, values: { separator: round(measured, 0) } });
    }
  }

  // 3. Repeat remix: the real pipeline on a 4-minute track, second time from the stem cache.
  const repeat = await cacheHitSeconds(seconds);
  rows.push({ metric: `repeat remix, ${minutes} track, cache hit (s)`, values: { separator: round(repeat.hit) } });
  rows.push({
    metric: '  first remix with a trivial model: decode+DSP+mix+MP3 (s)',
    values: { separator: round(repeat.miss) },
  });

  notes.push(
    `The floor is ${opts.gflop} GFLOP per segment (docs/demucs.md) at the best MatMul rate measured here; ` +
      'measurements share the machine with whatever else runs, so compare columns of one run.',
  );
  return {
    title: 'Stem separation (HTDemucs ONNX) and remix',
    context: {
      cpu: `${cpus()[0]?.model ?? 'unknown'} × ${threads}`,
      memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
      node: process.version,
      model: opts.model ? `${opts.model} (${Math.round(statSync(opts.model).size / 2 ** 20)} MiB)` : 'none',
      [`segments per ${minutes} track (one stem)`]: segments,
      'MatMul GFLOP/s, 1 thread / all': peaks.map((p) => p.toFixed(1)).join(' / '),
      ...(separatorSegment !== undefined ? { 'separator segment (s)': round(separatorSegment + hostSeconds) } : {}),
    },
    rows,
    notes,
  };
}

async function withTrack<T>(seconds: number, fn: (dir: string, track: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-remix-'));
  try {
    const track = join(dir, 'track.flac');
    execFileSync('ffmpeg', [
      '-nostdin',
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=220:duration=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `anoisesrc=duration=${seconds}:amplitude=0.1:seed=7`,
      '-filter_complex',
      '[0][1]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo',
      '-ar',
      String(SAMPLE_RATE),
      track,
    ]);
    return await fn(dir, track);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function cacheHitSeconds(seconds: number): Promise<{ miss: number; hit: number }> {
  return withTrack(seconds, async (dir, track) => {
    const modelPaths: Partial<Record<Stem, string>> = {};
    for (const [k, stem] of STEMS.entries()) {
      modelPaths[stem] = join(dir, `htdemucs_ft.${stem}.onnx`);
      await writeFakeDemucsModel(modelPaths[stem]!, { waveGain: STEMS.map((_, s) => (s === k ? [0.5, 0.5] : [0, 0])) });
    }
    const separator = createSeparator({ modelPaths, shifts: 1 });
    const cache = createBlobStemCache(
      createLocalBlobStore({ root: join(dir, 'blobs'), publicUrl: 'http://localhost' }),
    );
    const once = () =>
      withTempDir(async (workDir) => {
        const t = performance.now();
        const source = await acquireLocalFile(track, workDir, { maxBytes: 2 ** 31 });
        const out = await runRemixPipeline(
          { separator, modelPaths, cache, maxSeconds: 600 },
          { workDir, source: source.file, spec: { stem: 'vocals', gainDb: -60 }, track: { title: 'bench' } },
        );
        return { elapsed: (performance.now() - t) / 1000, hit: out.cacheHit };
      });
    try {
      const miss = await once();
      const hit = await once();
      if (miss.hit || !hit.hit) throw new Error('the second remix did not come from the stem cache');
      return { miss: miss.elapsed, hit: hit.elapsed };
    } finally {
      await separator.close();
    }
  });
}

async function fullSeparation(model: string, seconds: number): Promise<number> {
  return withTrack(seconds, async (_dir, track) => {
    const { decodeAudioFile } = await import('../packages/audio/src/index.ts');
    const audio = await decodeAudioFile(track);
    const separator = createSeparator({ modelPaths: { vocals: model } });
    try {
      const t = performance.now();
      await separator.separate(audio, { stems: ['vocals'] });
      return (performance.now() - t) / 1000;
    } finally {
      await separator.close();
    }
  });
}
