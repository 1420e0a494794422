import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { OVERLAP, SAMPLE_RATE } from '../dsp/constants.ts';
import { SeparationError } from '../errors.ts';
import { howToGetModels } from '../models/manifest.ts';
import { orderStems, type Stem } from '../stems.ts';
import { type AudioInput, toPlanarStereo } from './input.ts';
import type { SeparateRequest, WorkerReply } from './protocol.ts';
import type { SeparationProgress, StemAudio } from './separate.ts';

export interface SeparatorOptions {
  /** The htdemucs_ft model file of each stem (see modelPathsIn / modelStatus). */
  readonly modelPaths: Partial<Record<Stem, string>>;
  /** ONNX Runtime intra-op threads; default: every core. */
  readonly threads?: number;
  /** Random-shift passes (demucs default 1; 0 = deterministic, no shift). */
  readonly shifts?: number;
  /** Overlap between segments (demucs default 0.25). */
  readonly overlap?: number;
  /** Seed for the shift RNG, for reproducible output. */
  readonly seed?: number;
}

export interface SeparateOptions {
  readonly stems: readonly Stem[];
  readonly onProgress?: (progress: SeparationProgress) => void;
  /** Aborting rejects at once; the worker stops after the segment in progress. */
  readonly signal?: AbortSignal;
}

export interface SeparationResult {
  readonly sampleRate: number;
  /** Samples per channel, as in the input. */
  readonly length: number;
  /** Planar stereo per requested stem, at 44.1 kHz. */
  readonly stems: Partial<Record<Stem, StemAudio>>;
}

export interface Separator {
  separate(audio: AudioInput, options: SeparateOptions): Promise<SeparationResult>;
  /** Stops the worker; a separation in progress is rejected with code CLOSED. */
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly onReply: (reply: WorkerReply) => void;
  readonly onCrash: (err: Error) => void;
}

/**
 * A demucs separator over ONNX Runtime in a worker thread. Each request loads only the models of
 * the requested stems, one at a time; separations run one after another.
 */
export function createSeparator(options: SeparatorOptions): Separator {
  const shifts = options.shifts ?? 1;
  const overlap = options.overlap ?? OVERLAP;
  if (!Number.isInteger(shifts) || shifts < 0) throw new RangeError(`shifts must be a whole number ≥ 0, got ${shifts}`);
  if (!(overlap >= 0 && overlap < 1)) throw new RangeError(`overlap must be in [0, 1), got ${overlap}`);
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads > 0)) {
    throw new RangeError(`threads must be a positive whole number, got ${options.threads}`);
  }
  let worker: Worker | undefined;
  let current: Job | undefined;
  let queue: Promise<void> = Promise.resolve();
  let nextId = 1;
  let closed = false;

  function getWorker(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('./worker.ts', import.meta.url));
    w.on('message', (reply: WorkerReply) => {
      if (current && reply.id === current.id) current.onReply(reply);
    });
    w.on('error', (err) => {
      if (worker === w) worker = undefined;
      current?.onCrash(err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      current?.onCrash(new Error(`separator worker exited with code ${code}`));
    });
    worker = w;
    return w;
  }

  async function checkModels(stems: Stem[]): Promise<void> {
    for (const stem of stems) {
      const path = options.modelPaths[stem];
      if (!path) {
        throw new SeparationError('MODEL_MISSING', `no model file is configured for stem "${stem}". ${howToGetModels}`);
      }
      const found = await stat(path).catch(() => undefined);
      if (!found?.isFile()) {
        throw new SeparationError('MODEL_MISSING', `model for stem "${stem}" not found at ${path}. ${howToGetModels}`);
      }
    }
  }

  async function separate(audio: AudioInput, request: SeparateOptions): Promise<SeparationResult> {
    if (closed) throw new SeparationError('CLOSED', 'the separator is closed');
    const { signal } = request;
    signal?.throwIfAborted();
    const stems = orderStems(request.stems);
    if (stems.length === 0) throw new RangeError('no stems requested');
    await checkModels(stems);
    const channels = toPlanarStereo(audio);
    const length = channels[0].length;
    signal?.throwIfAborted();

    return new Promise<SeparationResult>((resolve, reject) => {
      const cancel = new SharedArrayBuffer(4);
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        Atomics.store(new Int32Array(cancel), 0, 1);
        settle(() => reject(signal?.reason ?? new DOMException('separation aborted', 'AbortError')));
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      queue = queue.then(
        () =>
          new Promise<void>((idle) => {
            if (settled || closed) {
              settle(() => reject(new SeparationError('CLOSED', 'the separator was closed')));
              idle();
              return;
            }
            const id = nextId++;
            const finish = (fn: () => void) => {
              current = undefined;
              worker?.unref();
              settle(fn);
              idle();
            };
            current = {
              id,
              onReply: (reply) => {
                switch (reply.type) {
                  case 'progress':
                    if (!settled) safeProgress(request.onProgress, reply);
                    return;
                  case 'result': {
                    const out: Partial<Record<Stem, StemAudio>> = {};
                    for (const [stem, left, right] of reply.stems) out[stem] = [left, right];
                    finish(() => resolve({ sampleRate: SAMPLE_RATE, length, stems: out }));
                    return;
                  }
                  case 'cancelled':
                    finish(() => reject(signal?.reason ?? new DOMException('separation aborted', 'AbortError')));
                    return;
                  case 'error': {
                    const err = new SeparationError(reply.code ?? 'WORKER_FAILED', reply.message);
                    if (reply.stack) err.stack = reply.stack;
                    finish(() => reject(err));
                    return;
                  }
                }
              },
              onCrash: (err) =>
                finish(() =>
                  reject(
                    closed
                      ? new SeparationError('CLOSED', 'the separator was closed during the separation')
                      : new SeparationError('WORKER_FAILED', `the separator worker failed: ${err.message}`, {
                          cause: err,
                        }),
                  ),
                ),
            };
            const w = getWorker();
            w.ref();
            const message: SeparateRequest = {
              type: 'separate',
              id,
              channels,
              stems,
              modelPaths: options.modelPaths,
              threads: options.threads,
              shifts,
              overlap,
              seed: options.seed,
              cancel,
            };
            w.postMessage(message, [channels[0].buffer as ArrayBuffer, channels[1].buffer as ArrayBuffer]);
          }),
      );
    });
  }

  async function close(): Promise<void> {
    closed = true;
    const w = worker;
    worker = undefined;
    if (w) await w.terminate();
    current?.onCrash(new Error('closed'));
  }

  return { separate, close };
}

function safeProgress(
  onProgress: SeparateOptions['onProgress'],
  reply: Extract<WorkerReply, { type: 'progress' }>,
): void {
  try {
    onProgress?.({ stem: reply.stem, done: reply.done, total: reply.total });
  } catch {
    // A failing progress callback must not break the separation.
  }
}
