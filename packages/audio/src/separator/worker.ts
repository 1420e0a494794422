import { parentPort } from 'node:worker_threads';
import { SeparationError } from '../errors.ts';
import type { SeparateRequest, WorkerReply } from './protocol.ts';
import { separateTrack } from './separate.ts';
import { openStemModel } from './session.ts';

// The separation worker: ONNX Runtime's session.run blocks its thread for a whole segment, so
// every separation runs here, one at a time, and reports progress between segments.
const port = parentPort;
if (!port) throw new Error('separator worker must run in a worker thread');
const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

port.on('message', (request: SeparateRequest) => {
  void handle(request);
});

async function handle(request: SeparateRequest): Promise<void> {
  const { id } = request;
  const cancelled = new Int32Array(request.cancel);
  try {
    const stems = await separateTrack({
      channels: request.channels,
      stems: request.stems,
      shifts: request.shifts,
      overlap: request.overlap,
      seed: request.seed,
      isCancelled: () => Atomics.load(cancelled, 0) !== 0,
      onProgress: (p) => post({ type: 'progress', id, stem: p.stem, done: p.done, total: p.total }),
      loadModel: (stem) => {
        const path = request.modelPaths[stem];
        if (!path) throw new SeparationError('MODEL_MISSING', `no model path configured for stem "${stem}"`);
        return openStemModel(stem, path, { threads: request.threads });
      },
    });
    const out: [(typeof request.stems)[number], Float32Array, Float32Array][] = [];
    const transfer: ArrayBuffer[] = [];
    for (const [stem, [left, right]] of stems) {
      out.push([stem, left, right]);
      transfer.push(left.buffer as ArrayBuffer, right.buffer as ArrayBuffer);
    }
    post({ type: 'result', id, stems: out }, transfer);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') {
      post({ type: 'cancelled', id });
      return;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    post({
      type: 'error',
      id,
      code: err instanceof SeparationError ? err.code : undefined,
      message: e.message,
      stack: e.stack,
    });
  }
}
