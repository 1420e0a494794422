// `npm run bench -- remix [--model <htdemucs.onnx>] [--optimised <file>] [--runs 5] [--variants a,b]
//                          [--gflop 335] [--full] [--track-seconds 240] [--cache-runs 3]`
//
// Stem separation cost on this machine with a real-size HTDemucs graph (DEMUCS_BENCH_MODEL or --model:
// one htdemucs_ft.<stem>.onnx, random weights are fine) and its optimised form (--optimised or
// DEMUCS_BENCH_OPTIMISED; else made here with tools/optimize-htdemucs-onnx.py when python3-onnx is
// there), next to the FLOP floor measured in the same run (peak fp32 MatMul rate of ONNX Runtime
// here), and the repeat-remix time (stem cache hit) of the real pipeline on a 4-minute track.
//
// The machine is shared: every variant keeps a process of its own (so its peak memory is its own)
// and the variants run one segment each in turn, in a rotating order, round after round. Compare
// the ratio rows (median of per-round ratios), not absolute seconds across runs.
import { type ChildProcessWithoutNullStreams, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createSeparator, resolveFfmpeg, STEMS, type Stem } from '@autoalex/audio';
import { OVERLAP, planChunks, SEGMENT_LENGTH } from '@autoalex/audio/dsp';
import { writeFakeDemucsModel } from '@autoalex/audio/testing';
import {
  acquireLocalFile,
  createBlobStemCache,
  decodeTrack,
  encodeRemix,
  LAME_QUALITY,
  runRemixPipeline,
  type StemCache,
  stemKey,
  withTempDir,
} from '@autoalex/remix-worker/pipeline';
import { createLocalBlobStore } from '@autoalex/storage';
import type { BenchReport, BenchRow } from './lib/report.ts';

const ROOT = join(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'packages/audio/scripts/onnx-bench.ts');
const OPTIMISER = join(ROOT, 'tools/optimize-htdemucs-onnx.py');
const PYTHON = '/usr/bin/python3';
const TRACK_SECONDS = 240;
const SAMPLE_RATE = 44_100;
/** docs/demucs.md: one HTDemucs model, one 7.8 s segment (63 % in the cross-transformer). */
const GFLOP_PER_SEGMENT = 335;
/** Session-option variants of packages/audio/scripts/onnx-bench.ts. */
const SESSION_VARIANTS = ['separator', 'mem-pattern-on', 'arena-off', 'parallel', 'no-spin'] as const;
type SessionVariant = (typeof SESSION_VARIANTS)[number];
type ModelKind = 'plain' | 'optimised';
const DEFAULT_VARIANTS = ['plain', 'optimised'];

interface Options {
  trackSeconds: number;
  model: string | undefined;
  optimised: string | undefined;
  runs: number;
  variants: string[];
  gflop: number;
  full: boolean;
  cacheRuns: number;
}

function options(args: string[]): Options {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    trackSeconds: Number(value('--track-seconds') ?? TRACK_SECONDS),
    model: value('--model') ?? (process.env.DEMUCS_BENCH_MODEL || undefined),
    optimised: value('--optimised') ?? (process.env.DEMUCS_BENCH_OPTIMISED || undefined),
    runs: Number(value('--runs') ?? 5),
    variants: (value('--variants') ?? DEFAULT_VARIANTS.join(',')).split(',').filter((v) => parseVariant(v)),
    gflop: Number(value('--gflop') ?? GFLOP_PER_SEGMENT),
    full: args.includes('--full'),
    cacheRuns: Number(value('--cache-runs') ?? 3),
  };
}

/** "plain", "optimised", "plain/arena-off", "optimised/no-spin", … */
function parseVariant(name: string): { model: ModelKind; session: SessionVariant } | undefined {
  const [model, session = 'separator'] = name.split('/');
  if (model !== 'plain' && model !== 'optimised') return undefined;
  return (SESSION_VARIANTS as readonly string[]).includes(session)
    ? { model, session: session as SessionVariant }
    : undefined;
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

interface Ready {
  loadSeconds: number;
  hostSeconds: number;
  peakRssMb: number;
}
interface Served {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** One long-lived `onnx-bench.ts serve` process: a loaded session that runs a segment per request. */
class SegmentServer {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  constructor(model: string, variant: SessionVariant) {
    this.proc = spawn(process.execPath, [SCRIPT, 'serve', model, variant]);
    this.proc.stderr.on('data', (b: Buffer) => process.stderr.write(b));
    this.lines = createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
  }
  private async next<T>(): Promise<T> {
    const line = await this.lines.next();
    if (line.done) throw new Error('a segment process ended early (see its error above)');
    return JSON.parse(line.value) as T;
  }
  ready(): Promise<Ready> {
    return this.next<Ready>();
  }
  run(): Promise<Served> {
    this.proc.stdin.write('run\n');
    return this.next<Served>();
  }
  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.stdin.end();
    await exited;
  }
}

interface VariantResult {
  ready: Ready;
  seconds: number[];
  cpu: number[];
  ratios: number[];
  peakRssMb: number;
}

/** Runs every variant's segment in turn, `rounds` times (after one warm-up call each), rotating the order. */
async function alternate(models: Record<ModelKind, string>, names: string[], rounds: number) {
  const servers = new Map<string, SegmentServer>();
  const results = new Map<string, VariantResult>();
  try {
    for (const name of names) {
      const v = parseVariant(name)!;
      const server = new SegmentServer(models[v.model], v.session);
      servers.set(name, server);
      const ready = await server.ready();
      const warm = await server.run();
      results.set(name, { ready, seconds: [], cpu: [], ratios: [], peakRssMb: warm.peakRssMb });
    }
    for (let r = 0; r < rounds; r++) {
      const order = [...names.slice(r % names.length), ...names.slice(0, r % names.length)];
      const got = new Map<string, number>();
      for (const name of order) {
        const x = await servers.get(name)!.run();
        const res = results.get(name)!;
        res.seconds.push(x.seconds);
        res.cpu.push(x.cpuSeconds);
        res.peakRssMb = x.peakRssMb;
        got.set(name, x.seconds);
      }
      for (const name of names) results.get(name)!.ratios.push(got.get(name)! / got.get(names[0]!)!);
    }
  } finally {
    await Promise.all([...servers.values()].map((s) => s.close()));
  }
  return results;
}

/** The optimised graph: given, or written by tools/optimize-htdemucs-onnx.py into `dir`. */
function optimisedModel(opts: Options, dir: string, notes: string[]): string | undefined {
  if (opts.optimised) {
    if (!existsSync(opts.optimised)) throw new Error(`no optimised model file at ${opts.optimised}`);
    return opts.optimised;
  }
  const out = join(dir, 'optimised.onnx');
  const r = spawnSync(PYTHON, [OPTIMISER, opts.model!, out], { encoding: 'utf8' });
  if (r.status === 0) return out;
  notes.push(
    `Optimised rows skipped: tools/optimize-htdemucs-onnx.py could not run (${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)}); ` +
      'give one with --optimised or install python3-onnx.',
  );
  return undefined;
}

export async function run(args: string[]): Promise<BenchReport> {
  const opts = options(args);
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const seconds = opts.trackSeconds;
  const minutes = `${round(seconds / 60, 1)}-min`;
  const segments = segmentsFor(seconds);
  const set = (metric: string, column: string, value: number) => {
    let row = rows.find((x) => x.metric === metric);
    if (!row) {
      row = { metric, values: {} };
      rows.push(row);
    }
    row.values[column] = value;
  };

  // 1. The machine's FLOP floor: peak fp32 MatMul in ONNX Runtime, best of 1 and all threads.
  const threads = availableParallelism();
  const peaks = [1, threads].map((t) => child<{ gflops: number }>(['matmul', '2048', String(t)]).gflops);
  const peak = Math.max(...peaks);
  const floorSegment = opts.gflop / peak;
  set('peak MatMul GFLOP/s (fp32, n=2048)', 'floor', round(peak, 1));
  set('seconds per 7.8 s segment', 'floor', round(floorSegment));

  // 2. The real graph, plain and optimised, per session-option variant, in alternation.
  let separatorSegment: number | undefined;
  const scratch = await mkdtemp(join(tmpdir(), 'bench-remix-models-'));
  try {
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
      const optimised = opts.variants.some((v) => parseVariant(v)?.model === 'optimised')
        ? optimisedModel(opts, scratch, notes)
        : undefined;
      const models = { plain: opts.model, optimised: optimised ?? '' };
      const names = opts.variants.filter((v) => parseVariant(v)!.model === 'plain' || optimised);
      const results = await alternate(models, names, opts.runs);
      const base = names[0]!;
      for (const name of names) {
        const r = results.get(name)!;
        const perSegment = median(r.seconds);
        if (name === 'plain' || (name === 'optimised' && separatorSegment === undefined)) {
          separatorSegment = perSegment + r.ready.hostSeconds;
        }
        set('seconds per 7.8 s segment', name, round(perSegment));
        set(`  × ${base} (median of per-round ratios)`, name, round(median(r.ratios), 3));
        set('  CPU seconds per segment (all threads)', name, round(median(r.cpu)));
        set('  host STFT+iSTFT per segment (s)', name, round(r.ready.hostSeconds, 3));
        set('model load (s)', name, round(r.ready.loadSeconds));
        set('peak memory (MB)', name, Math.round(r.peakRssMb));
        set('× FLOP floor', name, round(perSegment / floorSegment));
        for (const [label, stems] of [
          ['one stem', 1],
          ['all four stems', 4],
        ] as const) {
          const total = stems * segments * (perSegment + r.ready.hostSeconds);
          set(`${minutes} track, ${label} (s)`, name, round(total, 0));
          set(`  real-time factor, ${label}`, name, round(total / seconds));
        }
      }
      for (const [label, stems] of [
        ['one stem', 1],
        ['all four stems', 4],
      ] as const) {
        set(`${minutes} track, ${label} (s)`, 'floor', round(stems * segments * floorSegment, 0));
      }
      notes.push(
        `Segment rows: ${opts.runs} rounds after a warm-up call, every variant in a process of its own, one segment ` +
          "each per round in a rotating order; peak memory is each process's maximum RSS (load and all calls). " +
          `Track figures are ${segments} model calls per stem (one shift pass, overlap 0.25) times the median call ` +
          'plus the host STFT/iSTFT; --full also separates a whole track with the real separator (its own process).',
      );
      if (opts.full) {
        for (const [kind, path] of [
          ['plain', opts.model],
          ['optimised', optimised],
        ] as const) {
          if (!path) continue;
          const r = child<{ seconds: number; peakRssMb: number }>(['track', path, String(seconds)]);
          set(`${minutes} track, one stem, measured (s)`, kind, round(r.seconds, 0));
          set(`  peak memory of the separating process (MB)`, kind, Math.round(r.peakRssMb));
        }
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  // 3. Repeat remix: the real pipeline on a 4-minute track, from the stem cache, beside the steps the
  // previous pipeline took (decode to float first, copy the stem, mix from the decode, LAME -q 3).
  const cache = await cacheHit(seconds, opts.cacheRuns);
  const hit = `repeat remix, ${minutes} track, cache hit (s)`;
  set(hit, 'pipeline', round(median(cache.current)));
  set(hit, 'previous steps', round(median(cache.previous)));
  set(`  × previous steps (median of per-round ratios)`, 'pipeline', round(median(cache.ratios), 3));
  set('  probe ‖ stem from the cache (s)', 'pipeline', round(median(cache.lookup)));
  set('  decode+mix+MP3 in one FFmpeg run (s)', 'pipeline', round(median(cache.encode)));
  for (const [q, xs] of cache.quality) set(`  MP3 of the remix at LAME -q ${q} (s)`, 'pipeline', round(median(xs)));
  set('  first remix with a trivial model: decode+DSP+mix+MP3 (s)', 'pipeline', round(cache.miss));
  notes.push(
    `Cache rows: ${opts.cacheRuns} rounds alternating the pipeline's cache hit with a re-enactment of the previous ` +
      'hit path (decodeTrack to float, stem copied from the cache, mix from the float file at LAME -q 3); the ' +
      `pipeline encodes at LAME -q ${LAME_QUALITY}. The -q rows encode the same remix from the source at each quality.`,
  );

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
      ...(separatorSegment !== undefined ? { 'separator segment (s)': round(separatorSegment) } : {}),
    },
    rows,
    notes,
  };
}

async function withTrack<T>(seconds: number, fn: (dir: string, track: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-remix-'));
  try {
    const track = join(dir, 'track.flac');
    execFileSync((await resolveFfmpeg()).ffmpeg.path, [
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

interface CacheHitResult {
  miss: number;
  current: number[];
  previous: number[];
  ratios: number[];
  lookup: number[];
  encode: number[];
  quality: [number, number[]][];
}

async function cacheHit(seconds: number, rounds: number): Promise<CacheHitResult> {
  return withTrack(seconds, async (dir, track) => {
    const modelPaths: Partial<Record<Stem, string>> = {};
    for (const [k, stem] of STEMS.entries()) {
      modelPaths[stem] = join(dir, `htdemucs_ft.${stem}.onnx`);
      await writeFakeDemucsModel(modelPaths[stem]!, { waveGain: STEMS.map((_, s) => (s === k ? [0.5, 0.5] : [0, 0])) });
    }
    const separator = createSeparator({ modelPaths, shifts: 1 });
    const cache: StemCache = createBlobStemCache(
      createLocalBlobStore({ root: join(dir, 'blobs'), publicUrl: 'http://localhost' }),
    );
    const deps = { separator, modelPaths, cache, maxSeconds: 600 };
    const spec = { stem: 'vocals', gainDb: -60 } as const;
    const current = () =>
      withTempDir(async (workDir) => {
        const t = performance.now();
        const source = await acquireLocalFile(track, workDir, { maxBytes: 2 ** 31 });
        const out = await runRemixPipeline(deps, { workDir, source: source.file, spec, track: { title: 'bench' } });
        return { elapsed: (performance.now() - t) / 1000, out, source };
      });
    const previous = () =>
      withTempDir(async (workDir) => {
        const t = performance.now();
        const source = await acquireLocalFile(track, workDir, { maxBytes: 2 ** 31 });
        const decoded = await decodeTrack(source.file.path, workDir, { maxSeconds: 600 });
        const key = await stemKey(deps, 'vocals', source.file.sha256);
        const stemPath = join(workDir, 'vocals.wav');
        if (!key || !(await cache.fetch(key, stemPath))) throw new Error('the stem is not in the cache');
        await encodeRemix({
          mix: { kind: 'decoded', path: decoded.mixPath },
          stemPath,
          gainDb: spec.gainDb,
          bitrateKbps: 320,
          lameQuality: 3,
          tags: { title: 'bench (vocals -60 dB)' },
          outPath: join(workDir, 'remix.mp3'),
        });
        return (performance.now() - t) / 1000;
      });
    try {
      const first = await current();
      if (first.out.cacheHit) throw new Error('the first remix came from the stem cache');
      const result: CacheHitResult = {
        miss: first.elapsed,
        current: [],
        previous: [],
        ratios: [],
        lookup: [],
        encode: [],
        quality: [3, LAME_QUALITY, 7].filter((q, i, all) => all.indexOf(q) === i).map((q) => [q, []]),
      };
      for (let r = 0; r < rounds; r++) {
        const now = r % 2 === 0 ? await current() : undefined;
        const before = await previous();
        const after = now ?? (await current());
        if (!after.out.cacheHit) throw new Error('the repeat remix did not come from the stem cache');
        result.current.push(after.elapsed);
        result.previous.push(before);
        result.ratios.push(after.elapsed / before);
        result.lookup.push(after.out.timings.decodeMs / 1000);
        result.encode.push(after.out.timings.encodeMs / 1000);
        await withTempDir(async (workDir) => {
          const source = await acquireLocalFile(track, workDir, { maxBytes: 2 ** 31 });
          const key = await stemKey(deps, 'vocals', source.file.sha256);
          const stemPath = join(workDir, 'vocals.wav');
          if (!key || !(await cache.fetch(key, stemPath))) throw new Error('the stem is not in the cache');
          for (const [q, xs] of result.quality) {
            const t = performance.now();
            await encodeRemix({
              mix: { kind: 'source', path: source.file.path, channels: 2 },
              stemPath,
              gainDb: spec.gainDb,
              bitrateKbps: 320,
              lameQuality: q,
              tags: { title: 'bench' },
              outPath: join(workDir, `q${q}.mp3`),
            });
            xs.push((performance.now() - t) / 1000);
          }
        });
      }
      return result;
    } finally {
      await separator.close();
    }
  });
}
