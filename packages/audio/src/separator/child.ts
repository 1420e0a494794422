import { SeparationError } from '../errors.ts';
import { chunksOf, createPlanarAssembler, type PlanarAssembler } from './chunks.ts';
import type { FromChild, SeparateRequest, ToChild } from './protocol.ts';
import { type StemModel, separateTrack } from './separate.ts';
import { openStemModel } from './session.ts';

// The separator process (ADR 0227). ONNX Runtime is loaded here and nowhere else: a native abort
// (an ORT call cut short by a teardown throws a C++ exception nothing can catch) ends this process,
// never the service or the test runner that asked for the separation. It runs one job at a time,
// and leaves only after the job in progress has released its sessions: on `close`, or when its
// parent goes away (the IPC channel closes).
if (!process.send) throw new Error('the separator process must be started by createSeparator (fork with IPC)');

/** Resolves once the message is written, so a stem waits in the pipe rather than in the heap. */
const post = (message: FromChild) =>
  new Promise<void>((resolve) => {
    if (process.connected && process.send) process.send(message, () => resolve());
    else resolve();
  });

interface Job {
  readonly id: number;
  cancelled: boolean;
}
let receiving: { readonly request: SeparateRequest; readonly input: PlanarAssembler } | undefined;
let running: Job | undefined;
let leaving = false;

process.on('message', (message: ToChild) => {
  switch (message.type) {
    case 'separate':
      if (receiving || running || leaving) {
        void post({ type: 'error', id: message.id, code: 'WORKER_FAILED', message: 'the separator process is busy' });
        return;
      }
      receiving = { request: message, input: createPlanarAssembler(message.length) };
      return;
    case 'samples': {
      if (receiving?.request.id !== message.id) return;
      const { request, input } = receiving;
      input.add(message.channel, message.offset, message.data);
      if (!input.complete) return;
      receiving = undefined;
      void run(request, input.channels);
      return;
    }
    case 'cancel':
      if (receiving?.request.id === message.id) {
        receiving = undefined;
        void post({ type: 'cancelled', id: message.id });
      }
      if (running?.id === message.id) running.cancelled = true;
      return;
    case 'close':
      leave();
      return;
  }
});
process.on('disconnect', leave);

/** Exits now when idle, else once the job in progress has stopped and released its sessions. */
function leave(): void {
  leaving = true;
  receiving = undefined;
  if (running) running.cancelled = true;
  else process.exit(0);
}

async function run(request: SeparateRequest, channels: [Float32Array, Float32Array]): Promise<void> {
  const job: Job = { id: request.id, cancelled: false };
  const { id } = job;
  running = job;
  try {
    const stems = await separateTrack({
      channels,
      stems: request.stems,
      shifts: request.shifts,
      overlap: request.overlap,
      seed: request.seed,
      isCancelled: () => job.cancelled,
      onProgress: (p) => void post({ type: 'progress', id, stem: p.stem, done: p.done, total: p.total }),
      loadModel: async (stem) => {
        const path = request.modelPaths[stem];
        if (!path) throw new SeparationError('MODEL_MISSING', `no model path configured for stem "${stem}"`);
        return stopsBeforeRun(await openStemModel(stem, path, { threads: request.threads }), job);
      },
    });
    for (const [stem, pair] of stems) {
      for (const [channel, samples] of pair.entries()) {
        for (const [offset, data] of chunksOf(samples)) {
          if (job.cancelled) throw new DOMException('separation cancelled', 'AbortError');
          await post({ type: 'samples', id, stem, channel: channel as 0 | 1, offset, data });
        }
      }
    }
    void post({ type: 'result', id, stems: [...stems.keys()] });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') {
      void post({ type: 'cancelled', id });
    } else {
      const e = err instanceof Error ? err : new Error(String(err));
      void post({
        type: 'error',
        id,
        code: err instanceof SeparationError ? err.code : undefined,
        message: e.message,
        stack: e.stack,
      });
    }
  } finally {
    running = undefined;
    // separateTrack released every session it opened before it settled.
    if (leaving) process.exit(0);
  }
}

/**
 * Checks for a cancel right before each model call, after a turn of the event loop: a `cancel`
 * that arrived during the previous call is read then, so a cancelled job stops after the segment
 * in flight rather than one segment later.
 */
function stopsBeforeRun(model: StemModel, job: Job): StemModel {
  return {
    async run(mix, spec) {
      await new Promise((resolve) => setImmediate(resolve));
      if (job.cancelled) throw new DOMException('separation cancelled', 'AbortError');
      return model.run(mix, spec);
    },
    release: () => model.release(),
  };
}
