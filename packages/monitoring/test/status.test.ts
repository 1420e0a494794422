import { createDb, type DbClient, reportFailure, setIncidentAlert } from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MonitorSnapshot, readMonitorStatus, snapshotKey, writeMonitorSnapshot } from '../src/index.ts';

// The read model against a real Postgres and Redis.

let database: TestDatabase;
let pg: DbClient;
let redis: Redis;
const prefix = testQueuePrefix();
const T0 = new Date('2026-11-21T08:00:00Z');

const snapshot: MonitorSnapshot = {
  instance: 'monitor-1',
  updatedAt: new Date(T0.getTime() + 60_000).toISOString(),
  intervalSeconds: 30,
  alerts: { enabled: false, detail: 'alerts are disabled: DISCORD_TOKEN is not set' },
  targets: [
    {
      target: 'plex',
      label: 'Plex',
      kind: 'plex',
      status: 'down',
      detail: 'unreachable',
      checkedAt: new Date(T0.getTime() + 60_000).toISOString(),
      consecutiveFailures: 3,
      consecutiveSuccesses: 0,
      incidentOpen: true,
    },
  ],
};

beforeAll(async () => {
  database = await createTestDatabase();
  pg = createDb(database.url, { max: 2 });
  redis = new Redis(testRedisUrl());
});
afterAll(async () => {
  await redis?.quit();
  await pg?.close();
  await database?.drop();
});

describe('readMonitorStatus', () => {
  it('says no monitor is running when there is no snapshot', async () => {
    const status = await readMonitorStatus({ db: pg.db, redis, queuePrefix: prefix });
    expect(status).toEqual({
      running: false,
      updatedAt: null,
      alerts: null,
      targets: [],
      openIncidents: [],
      problems: [],
    });
  });

  it('combines the live snapshot with the open incidents from Postgres', async () => {
    const { incident } = await reportFailure(pg.db, { target: 'plex', error: 'unreachable', now: T0 });
    await setIncidentAlert(pg.db, incident.id, { channelId: '1', messageId: '2' });
    await writeMonitorSnapshot(redis, prefix, snapshot, 120);
    expect(await redis.ttl(snapshotKey(prefix))).toBeGreaterThan(100);

    const status = await readMonitorStatus({
      db: pg.db,
      redis,
      queuePrefix: prefix,
      now: () => T0.getTime() + 90_000,
    });
    expect(status).toEqual({
      running: true,
      updatedAt: snapshot.updatedAt,
      alerts: snapshot.alerts,
      targets: snapshot.targets,
      openIncidents: [
        {
          id: incident.id,
          target: 'plex',
          label: 'Plex',
          openedAt: T0.toISOString(),
          durationMs: 90_000,
          failureCount: 1,
          lastError: 'unreachable',
          alerted: true,
          alertChannelId: '1',
          alertMessageId: '2',
        },
      ],
      problems: [],
    });
  });

  it('refuses to write a snapshot that does not match its schema', async () => {
    const bad = {
      ...snapshot,
      targets: [{ ...snapshot.targets[0], status: 'sideways' }],
    } as unknown as MonitorSnapshot;
    await expect(writeMonitorSnapshot(redis, prefix, bad, 60)).rejects.toThrow();
  });

  it('lists what it could not read instead of throwing', async () => {
    await redis.set(snapshotKey(prefix), '{"instance": 5}');
    const broken = createDb('postgres://postgres@127.0.0.1:9/nothing', { max: 1 });
    try {
      const status = await readMonitorStatus({ db: broken.db, redis, queuePrefix: prefix });
      expect(status.running).toBe(false);
      expect(status.problems).toHaveLength(2);
      expect(status.problems[0]).toMatch(/^the monitor snapshot in Redis has an unexpected shape/);
      expect(status.problems[1]).toMatch(/^cannot read open incidents from Postgres: /);
    } finally {
      await broken.close();
    }
    await redis.set(snapshotKey(prefix), 'not json');
    expect((await readMonitorStatus({ db: pg.db, redis, queuePrefix: prefix })).problems).toEqual([
      'the monitor snapshot in Redis is not JSON',
    ]);
  });
});
