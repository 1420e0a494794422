import { type PrivateRedis, startPrivateRedis } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { closeRedis, createRedis, createRequestRedis, type Redis, type RequestRedis } from '../src/redis.ts';

// The two kinds of Redis connection (ADR 0230) against a redis-server of the test's own that it
// kills and starts again: the request-path kind fails at once while Redis is away and works again
// once it is back; the worker kind waits the outage out and then runs what it was given.

const logger = createLogger({ service: 'test', level: 'silent' });
let server: PrivateRedis;
let requests: RequestRedis;
let worker: Redis;

beforeAll(async () => {
  server = await startPrivateRedis();
  requests = createRequestRedis(server.url, { logger, commandTimeoutMs: 300 });
  worker = createRedis(server.url, { logger });
  // The request-path kind fails even before its first connection: wait for it.
  await until(async () => requests.status === 'ready', 'the first connection');
  await worker.ping();
});
afterAll(async () => {
  await Promise.all([closeRedis(requests), closeRedis(worker)]);
  await server?.close();
});

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

describe('Redis connections while Redis is away', () => {
  it('the request-path kind fails at once, the worker kind waits and then runs the command', async () => {
    await server.stop();
    await until(async () => requests.status !== 'ready', 'the request connection to notice');

    const started = Date.now();
    await expect(requests.set('k', '1')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(100);

    let waited = false;
    const pending = worker.set('k', 'from-the-worker').then(() => {
      waited = true;
    });
    await new Promise((ok) => setTimeout(ok, 500));
    expect(waited).toBe(false);

    await server.start();
    await pending;
    await until(async () => (await requests.get('k')) === 'from-the-worker', 'the request connection to reconnect');
  });

  it('the request-path kind bounds a command Redis accepts but does not answer', async () => {
    await requests.ping();
    const admin = createRedis(server.url, { logger });
    try {
      // CLIENT PAUSE holds every client's commands for a second: the GET gets no answer in time.
      await admin.call('CLIENT', 'PAUSE', '1000', 'ALL');
      const started = Date.now();
      await expect(requests.get('k')).rejects.toThrow(/timed out/i);
      expect(Date.now() - started).toBeLessThan(600);
    } finally {
      await admin.call('CLIENT', 'UNPAUSE').catch(() => {});
      await closeRedis(admin);
    }
  });
});
