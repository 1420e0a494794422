import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimRemixDelivery,
  createDb,
  type DbClient,
  findRemixJob,
  finishRemixJob,
  openRemixJob,
  type RemixDelivery,
  recordRemixDelivered,
  startRemixJob,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

// The record that makes a remix's delivery exactly once (ADR 0229), on a real Postgres: one row per
// request however many runs, one claimant at a time, a stale claim taken over, and a delivery that
// nothing later overwrites.

let database: TestDatabase;
let client: DbClient;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createDb(database.url, { max: 4 });
});
afterAll(async () => {
  await client?.close();
  await database?.drop();
});

let requests = 0;
const request = () => ({
  correlationId: `00000000-0000-4000-8000-${String(++requests).padStart(12, '0')}`,
  request: {},
  stem: 'bass' as const,
  gainDb: 4,
  trackRatingKey: '5201',
});
const T0 = Date.parse('2026-11-21T08:00:00Z');
const at = (ms: number, leaseMs = 60_000) => ({ now: new Date(T0 + ms), staleBefore: new Date(T0 + ms - leaseMs) });
const delivery: RemixDelivery = { kind: 'attachment', bitrateKbps: 320, bytes: 9, cacheHit: false, content: '✅' };

describe('remix delivery records', () => {
  it('gives every run of one request the same row, even two at once', async () => {
    const { db } = client;
    const input = request();
    const [a, b] = await Promise.all([openRemixJob(db, input), openRemixJob(db, input)]);
    expect(b.id).toBe(a.id);
    expect((await openRemixJob(db, input)).id).toBe(a.id);
    expect((await findRemixJob(db, input.correlationId))?.id).toBe(a.id);
  });

  it('lets one run claim the delivery; another waits, takes over a stale claim, or finds it delivered', async () => {
    const { db } = client;
    const { id } = await openRemixJob(db, request());
    const claims = await Promise.all([claimRemixDelivery(db, id, at(0)), claimRemixDelivery(db, id, at(0))]);
    expect(claims.map((c) => c.status).sort()).toEqual(['busy', 'claimed']);
    expect(await claimRemixDelivery(db, id, at(30_000))).toMatchObject({ status: 'busy', since: new Date(T0) });
    // The claimant died while sending: after the lease, another run takes over.
    expect(await claimRemixDelivery(db, id, at(61_000))).toEqual({ status: 'claimed' });

    await recordRemixDelivered(db, id, {
      outputKey: 'remixes/x.mp3',
      contentHash: 'abc',
      delivery,
      now: new Date(T0 + 62_000),
    });
    const claim = await claimRemixDelivery(db, id, at(10 * 60_000));
    expect(claim).toMatchObject({
      status: 'delivered',
      job: { status: 'succeeded', outputKey: 'remixes/x.mp3', delivery, deliveredAt: new Date(T0 + 62_000) },
    });
  });

  it('never lets a late run or a failure undo a delivery', async () => {
    const { db } = client;
    const { id, correlationId } = await openRemixJob(db, request());
    await startRemixJob(db, id, new Date(T0));
    await recordRemixDelivered(db, id, { outputKey: 'k', contentHash: 'h', delivery, now: new Date(T0 + 1000) });
    await startRemixJob(db, id, new Date(T0 + 2000));
    await finishRemixJob(db, id, { status: 'failed', error: 'late', now: new Date(T0 + 3000) });
    expect(await findRemixJob(db, correlationId!)).toMatchObject({
      status: 'succeeded',
      error: null,
      attempts: 1,
      finishedAt: new Date(T0 + 1000),
    });
  });
});
