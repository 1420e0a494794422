// ONNX Runtime measurements for `npm run bench -- remix` (bench/remix.bench.ts), here because this
// package is where onnxruntime-node resolves. Each job runs in a process of its own, so its peak
// memory is its own:
//   node packages/audio/scripts/onnx-bench.ts matmul [n] [threads]
//   node packages/audio/scripts/onnx-bench.ts serve <model.onnx> <variant>
//       prints {"ready":…} once loaded, then one line per "run" read on stdin (one segment call);
//       the bench keeps one such process per variant and runs them in alternation
//   node packages/audio/scripts/onnx-bench.ts track <model.onnx> <seconds>
//       one stem of a synthetic track through the real separator, with the peak memory of this process
//       plus that of the separator's own process (ADR 0227; read from /proc, so Linux only)
// Each answer is one JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import * as ort from 'onnxruntime-node';
import { BINS, createIstft, createStft, frameCount, SAMPLE_RATE, SEGMENT_LENGTH } from '../src/dsp/index.ts';
import { createSeparator } from '../src/separator/create.ts';
import { separatorSessionOptions } from '../src/separator/session.ts';
import { encodeModel } from '../src/testing/onnx.ts';

const noSpin = { extra: { session: { intra_op: { allow_spinning: '0' } } } };

/**
 * Session option variants worth comparing on the real graph (docs/demucs.md, ADR 0200), each on top
 * of the separator's own options (separatorSessionOptions). The model file (plain or optimised) is
 * the bench's other dimension.
 */
export const VARIANTS = {
  /** What the separator uses. */
  separator: {},
  'mem-pattern-on': { enableMemPattern: true },
  'arena-off': { enableCpuMemArena: false },
  /** The parallel executor does not hand dead buffers to later tensors (less memory, slower here). */
  parallel: { executionMode: 'parallel', interOpNumThreads: 2 },
  /** Intra-op threads sleep instead of spinning between parallel sections. */
  'no-spin': noSpin,
} as const satisfies Record<string, ort.InferenceSession.SessionOptions>;
export type Variant = keyof typeof VARIANTS;

export interface MatmulResult {
  readonly n: number;
  readonly threads: number;
  readonly bestSeconds: number;
  readonly gflops: number;
}

/** Peak fp32 GEMM rate of ONNX Runtime here: an n×n by n×n MatMul (2n³ FLOP), best of several runs. */
export async function measureMatmul(n = 2048, threads = availableParallelism(), runs = 6): Promise<MatmulResult> {
  const model = encodeModel({
    name: 'matmul_peak',
    inputs: [
      { name: 'a', shape: [n, n] },
      { name: 'b', shape: [n, n] },
    ],
    outputs: [{ name: 'c', shape: [n, n] }],
    initializers: [],
    nodes: [{ op: 'MatMul', inputs: ['a', 'b'], outputs: ['c'] }],
  });
  const session = await ort.InferenceSession.create(model, {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  });
  const data = Float32Array.from({ length: n * n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const feeds = { a: new ort.Tensor('float32', data, [n, n]), b: new ort.Tensor('float32', data, [n, n]) };
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs + 1; r++) {
    const t = performance.now();
    await session.run(feeds);
    const seconds = (performance.now() - t) / 1000;
    if (r > 0) best = Math.min(best, seconds); // the first run warms up
  }
  await session.release();
  return { n, threads, bestSeconds: best, gflops: (2 * n ** 3) / best / 1e9 };
}

export interface ServeReady {
  readonly ready: true;
  readonly variant: Variant;
  readonly loadSeconds: number;
  /** Host STFT of the mix + iSTFT of one source, per segment. */
  readonly hostSeconds: number;
  readonly peakRssMb: number;
}

export interface ServeRun {
  /** Wall seconds of one model call (one 7.8 s segment). */
  readonly seconds: number;
  /** CPU seconds (all threads) of that call. */
  readonly cpuSeconds: number;
  /** Peak resident memory of this process so far, MB. */
  readonly peakRssMb: number;
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Loads `modelPath` with `variant`'s options, then answers every "run" line with one timed segment call. */
export async function serveSegments(modelPath: string, variant: Variant): Promise<void> {
  const L = SEGMENT_LENGTH;
  const T = frameCount(L);
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(modelPath, { ...separatorSessionOptions(), ...VARIANTS[variant] });
  const loadSeconds = (performance.now() - t0) / 1000;
  const mix = Float32Array.from({ length: 2 * L }, (_, i) => Math.sin(i * 0.01) + 0.1 * Math.sin(i * 1.7));
  const spec = new Float32Array(4 * BINS * T);
  const stft = createStft(L);
  const istft = createIstft(L);
  const out = new Float32Array(2 * L);
  const h0 = performance.now();
  stft.forward(mix, spec);
  istft.inverse(spec, 0, BINS * T, out, 0);
  istft.inverse(spec, 2 * BINS * T, 3 * BINS * T, out, L);
  const hostSeconds = (performance.now() - h0) / 1000;
  const feeds = {
    mix: new ort.Tensor('float32', mix, [1, 2, L]),
    spec: new ort.Tensor('float32', spec, [1, 4, BINS, T]),
  };
  const say = (line: ServeReady | ServeRun) => process.stdout.write(`${JSON.stringify(line)}\n`);
  say({ ready: true, variant, loadSeconds, hostSeconds, peakRssMb: peakRssMb() });
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() !== 'run') break;
    const cpu = process.cpuUsage();
    const t = performance.now();
    await session.run(feeds);
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    say({ seconds, cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: peakRssMb() });
  }
  await session.release();
}

export interface TrackResult {
  readonly seconds: number;
  readonly peakRssMb: number;
}

/**
 * Peak resident memory (VmHWM) of this process's separator processes, MB; undefined without /proc.
 * Read while they run: the separator keeps its process between jobs until close().
 */
function separatorPeakMb(): number | undefined {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'latin1');
    } catch {
      return '';
    }
  };
  if (!read('/proc/self/status')) return undefined;
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const parent = read(`/proc/${pid}/stat`)
      .replace(/^.*\) /, '')
      .split(' ')[1];
    if (parent !== String(process.pid) || !read(`/proc/${pid}/cmdline`).includes('separator/child.ts')) continue;
    kb += Number(/VmHWM:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0);
  }
  return kb / 1024;
}

/**
 * One stem of a synthetic stereo track of `trackSeconds` through the real separator; its peak memory
 * counts this process and the separator's own.
 */
export async function measureTrack(modelPath: string, trackSeconds: number): Promise<TrackResult> {
  const n = Math.round(trackSeconds * SAMPLE_RATE);
  const channels = [0, 1].map((c) =>
    Float32Array.from(
      { length: n },
      (_, i) => 0.3 * Math.sin(i * (0.0627 + c * 0.01)) + 0.1 * Math.sin(i * 0.31) * Math.sin(i * 0.0001),
    ),
  );
  const separator = createSeparator({ modelPaths: { vocals: modelPath } });
  try {
    const t = performance.now();
    await separator.separate({ sampleRate: SAMPLE_RATE, channels }, { stems: ['vocals'] });
    const seconds = (performance.now() - t) / 1000;
    return { seconds, peakRssMb: peakRssMb() + (separatorPeakMb() ?? 0) };
  } finally {
    await separator.close();
  }
}

if (import.meta.main) {
  const [job, ...rest] = process.argv.slice(2);
  if (job === 'matmul') {
    const result = await measureMatmul(Number(rest[0] ?? 2048), Number(rest[1] ?? availableParallelism()));
    console.log(JSON.stringify(result));
  } else if (job === 'serve' && rest[0] && rest[1] && rest[1] in VARIANTS) {
    await serveSegments(rest[0], rest[1] as Variant);
  } else if (job === 'track' && rest[0] && Number(rest[1]) > 0) {
    console.log(JSON.stringify(await measureTrack(rest[0], Number(rest[1]))));
  } else {
    console.error(
      'usage: onnx-bench.ts matmul [n] [threads] | onnx-bench.ts serve <model.onnx> ' +
        `<${Object.keys(VARIANTS).join('|')}> | onnx-bench.ts track <model.onnx> <seconds>`,
    );
    process.exit(2);
  }
}
