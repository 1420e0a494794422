import { stat } from 'node:fs/promises';
import { OVERLAP, SAMPLE_RATE } from '../dsp/constants.ts';
import { SeparationError } from '../errors.ts';
import { howToGetModels } from '../models/manifest.ts';
import { orderStems, type Stem } from '../stems.ts';
import { chunksOf, createPlanarAssembler, type PlanarAssembler } from './chunks.ts';
import { type AudioInput, toPlanarStereo } from './input.ts';
import { type SeparatorProcess, startSeparatorProcess } from './process-host.ts';
import type { FromChild, SeparateRequest } from './protocol.ts';
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
  /** Aborting rejects at once; the separator process stops after the segment in progress. */
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
  /**
   * Rejects a separation in progress with code CLOSED at once and refuses new ones; resolves once
   * the separator process has released its sessions and exited (killed after a few seconds).
   */
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly onReply: (reply: FromChild) => void;
  /** The process ended under the job, or the separator was closed (reason undefined). */
  readonly onEnd: (reason?: string) => void;
}

/**
 * How long close() lets the process finish its segment and release its sessions before killing it:
 * within a service's SHUTDOWN_TIMEOUT (8 s by default), and killing it is always safe (ADR 0227).
 */
const CLOSE_GRACE_MS = 3000;

/**
 * A demucs separator over ONNX Runtime in a process of its own (ADR 0227), started at the first
 * separation and kept for the next ones. Each request loads only the models of the requested
 * stems, one at a time; separations run one after another. A crash of that process fails the
 * separation in progress (WORKER_FAILED) and the next one starts a new process.
 */
export function createSeparator(options: SeparatorOptions): Separator {
  const shifts = options.shifts ?? 1;
  const overlap = options.overlap ?? OVERLAP;
  if (!Number.isInteger(shifts) || shifts < 0) throw new RangeError(`shifts must be a whole number ≥ 0, got ${shifts}`);
  if (!(overlap >= 0 && overlap < 1)) throw new RangeError(`overlap must be in [0, 1), got ${overlap}`);
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads > 0)) {
    throw new RangeError(`threads must be a positive whole number, got ${options.threads}`);
  }
  let host: SeparatorProcess | undefined;
  let current: Job | undefined;
  let queue: Promise<void> = Promise.resolve();
  let nextId = 1;
  let closed = false;
  let closing: Promise<void> | undefined;

  function getHost(): SeparatorProcess {
    if (host) return host;
    const started = startSeparatorProcess({
      onMessage: (reply) => {
        if (current && reply.id === current.id) current.onReply(reply);
      },
      onExit: (reason) => {
        if (host === started) host = undefined;
        current?.onEnd(reason);
      },
    });
    host = started;
    return started;
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
    // Dropped once handed to sendInput, so the copy is gone by the time the stems come back.
    let input: [Float32Array, Float32Array] | undefined = toPlanarStereo(audio);
    const { length } = input[0];
    signal?.throwIfAborted();

    return new Promise<SeparationResult>((resolve, reject) => {
      let id: number | undefined;
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        // The process stops before its next model call; the queue moves on once it says so.
        if (id !== undefined && current?.id === id) void host?.send({ type: 'cancel', id });
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
            const jobId = nextId++;
            id = jobId;
            const output = new Map<Stem, PlanarAssembler>();
            const finish = (fn: () => void) => {
              if (current?.id !== jobId) return;
              current = undefined;
              host?.unref();
              settle(fn);
              idle();
            };
            current = {
              id: jobId,
              onReply: (reply) => {
                switch (reply.type) {
                  case 'progress':
                    if (!settled) safeProgress(request.onProgress, reply);
                    return;
                  case 'samples': {
                    if (settled) return;
                    const stem = output.get(reply.stem) ?? createPlanarAssembler(length);
                    output.set(reply.stem, stem);
                    try {
                      stem.add(reply.channel, reply.offset, reply.data);
                    } catch (err) {
                      finish(() => reject(new SeparationError('WORKER_FAILED', (err as Error).message)));
                    }
                    return;
                  }
                  case 'result': {
                    const out: Partial<Record<Stem, StemAudio>> = {};
                    for (const stem of reply.stems) {
                      const got = output.get(stem);
                      if (!got?.complete) {
                        finish(() =>
                          reject(new SeparationError('WORKER_FAILED', `the ${stem} stem came back incomplete`)),
                        );
                        return;
                      }
                      out[stem] = got.channels;
                    }
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
              onEnd: (reason) =>
                finish(() =>
                  reject(
                    reason === undefined
                      ? new SeparationError('CLOSED', 'the separator was closed during the separation')
                      : new SeparationError('WORKER_FAILED', `the separator process ${reason}`),
                  ),
                ),
            };
            const h = getHost();
            h.ref();
            const header: SeparateRequest = {
              type: 'separate',
              id: jobId,
              length,
              stems,
              modelPaths: options.modelPaths,
              threads: options.threads,
              shifts,
              overlap,
              seed: options.seed,
            };
            const channels = input;
            input = undefined;
            if (channels) void sendInput(h, header, channels, () => current?.id === jobId);
          }),
      );
    });
  }

  /**
   * The request, then its samples chunk by chunk, each once the last is written: the pipe, not the
   * heap, holds what is on its way. Stops when the job has ended (aborted, closed, crashed).
   */
  async function sendInput(
    h: SeparatorProcess,
    header: SeparateRequest,
    channels: [Float32Array, Float32Array],
    wanted: () => boolean,
  ): Promise<void> {
    await h.send(header);
    for (const [channel, samples] of channels.entries()) {
      for (const [offset, data] of chunksOf(samples)) {
        if (!wanted()) return;
        await h.send({ type: 'samples', id: header.id, channel: channel as 0 | 1, offset, data });
      }
    }
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      closed = true;
      current?.onEnd();
      const h = host;
      host = undefined;
      // Never torn down mid-call: the process leaves once its sessions are released (or is killed).
      await h?.stop(CLOSE_GRACE_MS);
    })();
    return closing;
  }

  return { separate, close };
}

function safeProgress(
  onProgress: SeparateOptions['onProgress'],
  reply: Extract<FromChild, { type: 'progress' }>,
): void {
  try {
    onProgress?.({ stem: reply.stem, done: reply.done, total: reply.total });
  } catch {
    // A failing progress callback must not break the separation.
  }
}
