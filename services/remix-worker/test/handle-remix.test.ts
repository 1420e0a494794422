import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeparationError, type Separator, type Stem } from '@autoalex/audio';
import type { RemixLimiter } from '@autoalex/contracts';
import { type JobContext, type JobPayload, LockLostError, silentLogger } from '@autoalex/contracts';
import type { Outcome, OutgoingMessage, Responder } from '@autoalex/discord';
import { type BlobStore, createLocalBlobStore } from '@autoalex/storage';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noStemCache } from '../src/cache/stem-cache.ts';
import { handleRemix, type RemixWorkerDeps } from '../src/worker/handle-remix.ts';
import type { Claim, Delivered, JobOutcome, JobRecords, RemixRecord } from '../src/worker/job-records.ts';
import { makeTone, writeModels } from './helpers.ts';

// The job handler's answers to faults, cancellation, shutdown and limits, with a scripted separator
// and recording stand-ins for the responder, the limiter and the history (the real ones are tested
// against Redis, Postgres and the fakes elsewhere).

let dir: string;
let storage: BlobStore;
let paths: Record<Stem, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remix-handler-'));
  paths = await writeModels(dir);
  storage = createLocalBlobStore({ root: join(dir, 'blobs'), publicUrl: 'http://localhost:8080' });
  makeTone(join(dir, 'take.flac'), { seconds: 3 });
  await storage.put('uploads/take.flac', await readFile(join(dir, 'take.flac')));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Payload = JobPayload<'remix', 'remix'>;
const payload: Payload = {
  source: { kind: 'upload', storageKey: 'uploads/take.flac', filename: 'take.flac' },
  stem: 'bass',
  gainDb: 4,
  reply: { kind: 'console', sessionId: '00000000-0000-4000-8000-000000000001', interactionId: '1300000000000000001' },
  meta: {
    correlationId: '00000000-0000-4000-8000-000000000002',
    requestedBy: '300000000000000001',
    createdAt: 1_790_000_000_000,
  },
};

function harness(options: {
  separate: Separator['separate'];
  limiter?: Partial<RemixLimiter>;
  shuttingDown?: boolean;
  /** What the row says when the run starts. */
  stored?: RemixRecord;
  /** Answers to successive delivery claims (then `claimed`). */
  claims?: Claim[];
}) {
  const edits: string[] = [];
  const files: number[] = [];
  const deliveries: Delivered[] = [];
  const separations: number[] = [];
  const completed: Outcome[] = [];
  const released: { refund: boolean }[] = [];
  const outcomes: JobOutcome[] = [];
  const responder = {
    kind: 'console',
    editOriginal: async (message: OutgoingMessage) => {
      edits.push(message.content ?? '');
      files.push(message.files?.length ?? 0);
      return { id: '1', channelId: undefined };
    },
    complete: async (outcome: Outcome = 'ok') => {
      completed.push(outcome);
    },
  } as unknown as Responder;
  const limiter: RemixLimiter = {
    take: async () => ({ ok: true }),
    renew: async () => {},
    release: async (_who, o = {}) => {
      released.push({ refund: o.refund === true });
    },
    ...options.limiter,
  };
  const claims = [...(options.claims ?? [])];
  const records: JobRecords = {
    find: async () => options.stored,
    begin: async () => '7f000000-0000-4000-8000-000000000000',
    claimDelivery: async () => claims.shift() ?? { status: 'claimed' },
    delivered: async (_id, outcome) => {
      deliveries.push(outcome.delivered);
    },
    finish: async (_id, outcome) => {
      outcomes.push(outcome);
    },
  };
  const separate: Separator['separate'] = (audio, o) => {
    separations.push(1);
    return options.separate(audio, o);
  };
  const deps: RemixWorkerDeps = {
    pipeline: { separator: { separate }, modelPaths: paths, cache: noStemCache, maxSeconds: 60 },
    sources: { storage, maxBytes: 1 << 30 },
    storage,
    linkTtlSeconds: 3600,
    responderFor: () => responder,
    limiter,
    records,
    isShuttingDown: () => options.shuttingDown === true,
  };
  return { deps, edits, files, completed, released, outcomes, deliveries, separations };
}

function context(
  attempt: number,
  signal: AbortSignal = new AbortController().signal,
  stalls: { stalls: number; resumed: boolean } = { stalls: 0, resumed: false },
): JobContext {
  return { jobId: 'job-1', attempt, attempts: 3, progress: async () => {}, log: silentLogger, signal, ...stalls };
}

const crash: Separator['separate'] = async () => {
  throw new SeparationError('WORKER_FAILED', 'the separator worker failed: out of memory');
};

/** Every stem is half the mix: a separation that works, in no time. */
const halve: Separator['separate'] = async (audio, options) => {
  const planar =
    'channels' in audio
      ? audio.channels
      : Array.from({ length: audio.channelCount }, (_, c) =>
          audio.interleaved.filter((_v, i) => i % audio.channelCount === c),
        );
  const [left, right = left] = planar as Float32Array[];
  const half = (channel: Float32Array) => channel.map((v) => v / 2);
  const stems = Object.fromEntries(options.stems.map((stem) => [stem, [half(left!), half(right!)]]));
  return { sampleRate: audio.sampleRate, length: left!.length, stems };
};

const delivered: Delivered = {
  kind: 'attachment',
  bitrateKbps: 320,
  bytes: 123_456,
  cacheHit: false,
  content: '✅ **take.flac** (bass +4 dB) · bass +4 dB · MP3 320 kbit/s · 0.1 MB',
  messageId: '1',
  outputKey: 'remixes/2026-11-21/7f000000/remix-bass.mp3',
};

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (err: unknown) => err,
  );
}

describe('handleRemix', { timeout: 60_000 }, () => {
  it('tells the user a fault will be retried, and lets BullMQ retry it', async () => {
    const h = harness({ separate: crash });
    const err = await outcome(handleRemix(h.deps, payload, context(1)));
    expect(err).toBeInstanceOf(SeparationError);
    expect(h.edits.at(-1)).toBe(
      '⚠️ **take.flac** (bass +4 dB): stem separation failed (WORKER_FAILED). Trying again shortly (attempt 2 of 3).',
    );
    expect(h.released).toEqual([{ refund: false }]);
    expect(h.completed).toEqual([]);
    expect(h.outcomes).toEqual([]);
  });

  it('says the remix failed on the last attempt, records it and refunds the allowance', async () => {
    const h = harness({ separate: crash });
    const err = await outcome(handleRemix(h.deps, payload, context(3)));
    expect(err).toBeInstanceOf(SeparationError);
    expect(h.edits.at(-1)).toBe(
      '❌ **take.flac** (bass +4 dB): could not be made — stem separation failed (WORKER_FAILED).',
    );
    expect(h.outcomes).toMatchObject([{ status: 'failed', error: 'stem separation failed (WORKER_FAILED)' }]);
    expect(h.released).toEqual([{ refund: true }]);
    expect(h.completed).toEqual(['error']);
  });

  it('stops at once when the job is cancelled, and says so', async () => {
    const controller = new AbortController();
    const h = harness({
      separate: (_audio, options) => {
        controller.abort(new Error('cancelled by an admin'));
        return new Promise((_resolve, reject) => {
          options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
          if (options.signal?.aborted) reject(options.signal.reason);
        });
      },
    });
    const err = await outcome(handleRemix(h.deps, payload, context(1, controller.signal)));
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect(h.edits.at(-1)).toBe('🛑 **take.flac** (bass +4 dB): cancelled — it was cancelled.');
    expect(h.outcomes).toMatchObject([{ status: 'cancelled' }]);
    expect(h.released).toEqual([{ refund: true }]);
    expect(h.completed).toEqual(['error']);
  });

  it('hands the job back to the queue on shutdown, telling the user it will start again', async () => {
    const controller = new AbortController();
    const h = harness({
      shuttingDown: true,
      separate: async () => {
        controller.abort(new Error('worker shutting down'));
        throw new DOMException('separation aborted', 'AbortError');
      },
    });
    const err = await outcome(handleRemix(h.deps, payload, context(1, controller.signal)));
    expect(err).not.toBeInstanceOf(UnrecoverableError);
    expect(h.edits.at(-1)).toMatch(/the remix worker is restarting; your remix went back to the queue/);
    expect(h.released).toEqual([{ refund: false }]);
    expect(h.completed).toEqual([]);
    expect(h.outcomes).toEqual([]);
  });

  it('refuses over the limit before any work, once', async () => {
    let separated = 0;
    const h = harness({
      separate: async () => {
        separated += 1;
        throw new Error('not reached');
      },
      limiter: { take: async () => ({ ok: false, reason: 'active', limit: 1 }) },
    });
    const err = await outcome(handleRemix(h.deps, payload, context(1)));
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toBe('you already have a remix running; wait for it to finish');
    expect(h.edits).toEqual([
      '❌ Remix (bass +4 dB): could not be made — you already have a remix running; wait for it to finish.',
    ]);
    expect(separated).toBe(0);
    expect(h.completed).toEqual(['error']);
  });

  it('refuses a gain that changes nothing', async () => {
    const h = harness({ separate: crash });
    const err = await outcome(handleRemix(h.deps, { ...payload, gainDb: 0 }, context(1)));
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect(h.edits).toEqual(['❌ Remix (bass 0 dB): could not be made — a gain of 0 dB would change nothing.']);
  });

  it('delivers once: claims, sends the MP3 and records the delivery before the job completes', async () => {
    const h = harness({ separate: halve });
    const result = await handleRemix(h.deps, payload, context(1));
    expect(result).toMatchObject({ delivered: 'attachment', bitrateKbps: 320 });
    expect(h.files.filter((n) => n > 0)).toEqual([1]);
    expect(h.deliveries).toHaveLength(1);
    expect(h.deliveries[0]).toMatchObject({ kind: 'attachment', messageId: '1', content: h.edits.at(-1) });
    expect(h.completed).toEqual(['ok']);
    expect(h.released).toEqual([{ refund: false }]);
  });

  it('stops a run of a delivered request at once: no edit, no work, the same answer, the slot freed', async () => {
    let took = 0;
    const h = harness({
      separate: halve,
      stored: { id: '7f000000-0000-4000-8000-000000000000', status: 'succeeded', delivered },
      limiter: {
        take: async () => {
          took++;
          return { ok: true };
        },
      },
    });
    const result = await handleRemix(h.deps, payload, context(1, undefined, { stalls: 1, resumed: true }));
    expect(result).toEqual({
      outputKey: delivered.outputKey,
      delivered: 'attachment',
      bitrateKbps: 320,
      bytes: 123_456,
      cacheHit: false,
    });
    expect(h.edits).toEqual([]);
    expect(h.separations).toEqual([]);
    expect(took).toBe(0);
    expect(h.released).toEqual([{ refund: false }]);
    expect(h.completed).toEqual(['ok']);
  });

  it('says at once that a remix resumes after its worker restarted, then carries on', async () => {
    const h = harness({ separate: halve });
    await handleRemix(h.deps, payload, context(1, undefined, { stalls: 2, resumed: true }));
    expect(h.edits[0]).toBe('🔁 Remix (bass +4 dB): the remix worker restarted (2 times); resuming…');
    expect(h.edits[1]).toBe('⬇️ Remix (bass +4 dB): downloading the track…');
    expect(h.edits.at(-1)).toMatch(/^✅ /);
  });

  it('waits while another run is delivering, then puts its final text back and stops', async () => {
    const h = harness({
      separate: halve,
      claims: [{ status: 'busy' }, { status: 'busy' }, { status: 'delivered', delivered }],
    });
    const result = await handleRemix(h.deps, payload, context(1));
    expect(result).toMatchObject({ outputKey: delivered.outputKey });
    // Its own progress showed meanwhile; the other run's ✅ goes back on top, without a second file.
    expect(h.edits.at(-1)).toBe(delivered.content);
    expect(h.files.every((n) => n === 0)).toBe(true);
    expect(h.deliveries).toEqual([]);
    expect(h.completed).toEqual(['ok']);
  });

  it('stops quietly when its lock was lost: the run after the stall owns the message, row and slot', async () => {
    const controller = new AbortController();
    const h = harness({
      separate: async () => {
        controller.abort(new LockLostError('the lock of job job-1 was lost'));
        throw new DOMException('separation aborted', 'AbortError');
      },
    });
    const err = await outcome(handleRemix(h.deps, payload, context(1, controller.signal)));
    expect(err).toBeInstanceOf(DOMException);
    expect(h.edits.at(-1)).toMatch(/separating|downloading/);
    expect(h.released).toEqual([]);
    expect(h.outcomes).toEqual([]);
    expect(h.completed).toEqual([]);
  });
});
