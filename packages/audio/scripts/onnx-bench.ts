// ONNX Runtime measurements for `npm run bench -- remix` (bench/remix.bench.ts), here because this
// package is where onnxruntime-node resolves. Two jobs, each meant to run in a process of its own so
// its peak memory is its own:
//   node packages/audio/scripts/onnx-bench.ts matmul [n] [threads]
//   node packages/audio/scripts/onnx-bench.ts segments <model.onnx> <variant> <runs>
// Each prints one JSON line.
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { BINS, createIstft, createStft, frameCount, SEGMENT_LENGTH } from '../src/dsp/index.ts';
import { encodeModel } from '../src/testing/onnx.ts';

/** Session option variants worth comparing on the real graph (docs/demucs.md). */
export const VARIANTS = {
  /** What the separator uses: optimisation all, memory pattern off, arena on, every core. */
  separator: { enableMemPattern: false },
  /** ONNX Runtime's defaults for the memory options. */
  'mem-pattern-on': { enableMemPattern: true },
  'arena-off': { enableMemPattern: false, enableCpuMemArena: false },
  'threads-2': { enableMemPattern: false, intraOpNumThreads: 2 },
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

export interface SegmentResult {
  readonly variant: Variant;
  readonly loadSeconds: number;
  /** Seconds per model call (one 7.8 s segment), after one warm-up call. */
  readonly runSeconds: number[];
  /** Host STFT of the mix + iSTFT of one source, per segment. */
  readonly hostSeconds: number;
  /** Peak resident memory of this process, MB. */
  readonly peakRssMb: number;
}

/** Loads a real-size HTDemucs ONNX file with `variant`'s options and times `runs` segment calls. */
export async function measureSegments(modelPath: string, variant: Variant, runs = 3): Promise<SegmentResult> {
  const L = SEGMENT_LENGTH;
  const T = frameCount(L);
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: availableParallelism(),
    interOpNumThreads: 1,
    ...VARIANTS[variant],
  });
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
  const runSeconds: number[] = [];
  for (let r = 0; r < runs + 1; r++) {
    const t = performance.now();
    await session.run(feeds);
    if (r > 0) runSeconds.push((performance.now() - t) / 1000);
  }
  await session.release();
  return { variant, loadSeconds, runSeconds, hostSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

if (import.meta.main) {
  const [job, ...rest] = process.argv.slice(2);
  if (job === 'matmul') {
    const result = await measureMatmul(Number(rest[0] ?? 2048), Number(rest[1] ?? availableParallelism()));
    console.log(JSON.stringify(result));
  } else if (job === 'segments' && rest[0] && rest[1] && rest[1] in VARIANTS) {
    console.log(JSON.stringify(await measureSegments(rest[0], rest[1] as Variant, Number(rest[2] ?? 3))));
  } else {
    console.error(
      `usage: onnx-bench.ts matmul [n] [threads] | onnx-bench.ts segments <model.onnx> <${Object.keys(VARIANTS).join('|')}> [runs]`,
    );
    process.exit(2);
  }
}
