import { type JobEnd, type JobPayload, STALLED_OUT, silentLogger } from '@autoalex/contracts';
import type { Outcome, OutgoingMessage, Responder } from '@autoalex/discord';
import { describe, expect, it } from 'vitest';
import type { RemixWorkerDeps } from '../src/worker/handle-remix.ts';
import type { JobOutcome, RemixRecord } from '../src/worker/job-records.ts';
import { remixEnded } from '../src/worker/remix-ended.ts';

// The remix queue's "ended for good" hook with recording stand-ins: what a job given up after its
// workers kept dying leaves the user, the history and the limiter; and what it leaves alone.

const payload: JobPayload<'remix', 'remix'> = {
  source: { kind: 'upload', storageKey: 'uploads/take.flac', filename: 'take.flac' },
  stem: 'bass',
  gainDb: 4,
  reply: { kind: 'console', sessionId: '00000000-0000-4000-8000-000000000001', interactionId: '1300000000000000001' },
  meta: { correlationId: '00000000-0000-4000-8000-000000000002', requestedBy: '300000000000000001', createdAt: 0 },
};

function harness(stored: RemixRecord | undefined) {
  const edits: string[] = [];
  const completed: Outcome[] = [];
  const released: { jobId: string; refund: boolean }[] = [];
  const outcomes: JobOutcome[] = [];
  const responder = {
    kind: 'console',
    editOriginal: async (message: OutgoingMessage) => {
      edits.push(message.content ?? '');
      return undefined;
    },
    complete: async (outcome: Outcome = 'ok') => {
      completed.push(outcome);
    },
  } as unknown as Responder;
  const deps = {
    responderFor: () => responder,
    limiter: {
      take: async () => ({ ok: true }),
      renew: async () => {},
      release: async (who: { jobId: string }, o: { refund?: boolean } = {}) => {
        released.push({ jobId: who.jobId, refund: o.refund === true });
      },
    },
    records: {
      find: async () => stored,
      begin: async () => 'row',
      claimDelivery: async () => ({ status: 'claimed' }),
      delivered: async () => {},
      finish: async (_id: string, outcome: JobOutcome) => {
        outcomes.push(outcome);
      },
    },
  } as unknown as RemixWorkerDeps;
  return { deps, edits, completed, released, outcomes };
}

const end = (cause: JobEnd['cause'], reason = cause === 'stalled' ? STALLED_OUT : 'the track is silent'): JobEnd => ({
  jobId: 'remix-1',
  cause,
  reason,
  attemptsMade: cause === 'stalled' ? 0 : 1,
  attempts: 3,
  stalls: cause === 'stalled' ? 3 : 0,
  log: silentLogger,
});

const running: RemixRecord = { id: 'row', status: 'running', delivered: undefined };

describe('remixEnded', () => {
  it('tells the user a remix given up after its workers kept stopping, fails its row, frees its slot', async () => {
    const h = harness(running);
    await remixEnded(h.deps, payload, end('stalled'));
    expect(h.edits).toEqual([
      '❌ Remix (bass +4 dB): could not be made — the remix worker restarted 3 times while making it (it may be running out of memory); please try again.',
    ]);
    expect(h.completed).toEqual(['error']);
    expect(h.outcomes).toMatchObject([{ status: 'failed', error: expect.stringContaining('restarted 3 times') }]);
    expect(h.released).toEqual([{ jobId: 'remix-1', refund: true }]);
  });

  it('tells the user even when no run got as far as the row', async () => {
    const h = harness(undefined);
    await remixEnded(h.deps, payload, end('stalled'));
    expect(h.edits).toHaveLength(1);
    expect(h.outcomes).toEqual([]);
    expect(h.released).toEqual([{ jobId: 'remix-1', refund: true }]);
  });

  it('leaves a delivered remix as it is, and keeps its count', async () => {
    const h = harness({
      id: 'row',
      status: 'succeeded',
      delivered: {
        kind: 'attachment',
        bitrateKbps: 320,
        bytes: 1,
        cacheHit: false,
        content: '✅',
        outputKey: 'remixes/x.mp3',
      },
    });
    await remixEnded(h.deps, payload, end('stalled'));
    expect(h.edits).toEqual([]);
    expect(h.outcomes).toEqual([]);
    expect(h.released).toEqual([{ jobId: 'remix-1', refund: false }]);
  });

  it('after a failure the handler told, only finishes what the handler could not', async () => {
    const told = harness({ id: 'row', status: 'failed', delivered: undefined });
    await remixEnded(told.deps, payload, end('failed'));
    expect(told.edits).toEqual([]);
    expect(told.outcomes).toEqual([]);
    expect(told.released).toEqual([{ jobId: 'remix-1', refund: true }]);

    const unrecorded = harness(running);
    await remixEnded(unrecorded.deps, payload, end('failed'));
    expect(unrecorded.edits).toEqual([]);
    expect(unrecorded.outcomes).toEqual([{ status: 'failed', error: 'the track is silent' }]);
  });
});
