import { heartbeatKey } from '@autoalex/runtime';
import { testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, embedOf, type Harness } from './helpers/harness.ts';

// The suite's own targets through the same incident rules: a service without a heartbeat and a
// queue with a backlog (thresholds of 1 to keep it short).

let h: Harness;
let redis: Redis;

beforeAll(async () => {
  h = await createHarness({
    env: {
      MONITOR_SERVICES: 'player',
      MONITOR_FAILURE_THRESHOLD: '1',
      MONITOR_SUCCESS_THRESHOLD: '1',
      MONITOR_QUEUE_BACKLOG: '2',
    },
  });
  redis = new Redis(testRedisUrl());
  await h.start(); // its first round finds no player heartbeat
});
afterAll(async () => {
  await redis?.quit();
  await h?.close();
});

describe('monitor, the suite’s services and queues', () => {
  it('alerts when a watched service has no heartbeat, and recovers when it beats', async () => {
    await h.monitor.waitForLog((line) => line.msg === 'alert posted for service:player');
    expect(h.alerts()).toHaveLength(1);
    const alert = embedOf(h.alerts()[0]);
    expect(alert.title).toBe('🔴 service player is down');
    expect(alert.description).toContain('no heartbeat');
    expect(alert.fields).toEqual([]);

    const prefix = h.env.QUEUE_PREFIX ?? '';
    await redis.set(
      heartbeatKey(prefix, 'player', 'player-1'),
      JSON.stringify({
        service: 'player',
        instance: 'player-1',
        status: 'ok',
        uptimeSeconds: 1,
        checks: {},
        updatedAt: new Date().toISOString(),
      }),
      'EX',
      60,
    );
    await h.checkNow();
    const messages = h.alerts();
    expect(messages.map((m) => embedOf(m).title)).toEqual([
      '✅ service player recovered',
      '✅ service player is back up',
    ]);
  });

  it('alerts on a queue backlog above MONITOR_QUEUE_BACKLOG', async () => {
    for (let i = 0; i < 3; i++) await h.bus.queue('player').add('join', { n: i });
    await h.checkNow();
    const messages = h.alerts();
    expect(messages).toHaveLength(3);
    const alert = embedOf(messages[2]);
    expect(alert.title).toBe('🔴 queue player is down');
    expect(alert.description).toContain('3 waiting (backlog above 2)');
    expect(h.discord.violations).toEqual([]);
  });
});
