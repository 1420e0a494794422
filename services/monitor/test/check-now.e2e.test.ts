import { randomUUID } from 'node:crypto';
import { consoleMessage, consoleStreamKey, createMeta } from '@autoalex/contracts';
import { readMonitorStatus } from '@autoalex/monitoring';
import { testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.ts';

// check-now with a reply target answers the requester with the fresh status (here a console
// session, which reads its answers from a Redis stream), and the snapshot is what /status reads.

let h: Harness;
let redis: Redis;

beforeAll(async () => {
  h = await createHarness({ containers: [{ name: 'binhex-plexpass' }], env: { MONITOR_FAILURE_THRESHOLD: '1' } });
  redis = new Redis(testRedisUrl());
  await h.start();
});
afterAll(async () => {
  await redis?.quit();
  await h?.close();
});

describe('monitor, check-now', () => {
  it('runs a round and answers the console session with the monitor status', async () => {
    await h.plex.down();
    const sessionId = randomUUID();
    const jobId = await h.bus.enqueue('monitor', 'check-now', {
      reply: { kind: 'console', sessionId, interactionId: '323456789012345678' },
      meta: createMeta(),
    });
    await h.monitor.waitForLog((line) => line.msg === 'check-now: round finished' && line.jobId === jobId);

    const answers = await readSession(consoleStreamKey(h.env.QUEUE_PREFIX ?? '', sessionId));
    const edit = answers.find((answer) => answer.kind === 'edit');
    expect(edit?.body).toMatchObject({
      embeds: [{ title: 'Monitor: 1 open incident', description: expect.stringContaining('❌ **Plex** · down for') }],
    });
  });

  it('leaves a snapshot that the /status read model shows with the open incident', async () => {
    const status = await readMonitorStatus({ db: h.pg.db, redis, queuePrefix: h.env.QUEUE_PREFIX ?? '' });
    expect(status.running).toBe(true);
    expect(status.alerts).toEqual({ enabled: true, detail: 'alerts go to Discord channel 123456789012345678' });
    expect(status.openIncidents).toMatchObject([{ target: 'plex', label: 'Plex', alerted: true }]);
    const plex = status.targets.find((target) => target.target === 'plex');
    expect(plex).toMatchObject({ status: 'down', kind: 'plex', incidentOpen: true, consecutiveFailures: 1 });
    expect(status.targets.filter((t) => t.kind === 'queue').every((t) => t.status === 'up')).toBe(true);
    expect(status.problems).toEqual([]);
  });
});

/** Reads a console session's stream (blocking) until its final marker; returns the answers in it. */
async function readSession(key: string) {
  const answers: ReturnType<typeof consoleMessage.parse>[] = [];
  let last = '0';
  for (;;) {
    const read = await redis.xread('BLOCK', 10_000, 'STREAMS', key, last);
    if (!read) throw new Error(`no answer in ${key}`);
    for (const [, entries] of read) {
      for (const [id, fields] of entries) {
        last = id;
        if (fields.includes('final')) return answers;
        const data = fields[fields.indexOf('data') + 1];
        if (fields.includes('data') && data) answers.push(consoleMessage.parse(JSON.parse(data)));
      }
    }
  }
}
