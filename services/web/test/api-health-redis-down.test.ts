import {
  closeRedis,
  createHealth,
  createLogger,
  createMetrics,
  createRequestRedis,
  type RequestRedis,
  suiteHealthSchema,
} from '@autoalex/runtime';
import { type PrivateRedis, startPrivateRedis, testQueuePrefix } from '@autoalex/testkit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';

// ADR 0051 promises an immediate 503 from /api/health while Redis is away; ADR 0230 keeps it: the
// route reads over the request-path connection, which fails at once, and says that Redis is down.

const logger = createLogger({ service: 'web', level: 'silent' });
let server: PrivateRedis;
let redis: RequestRedis;
let app: FastifyInstance;

beforeAll(async () => {
  server = await startPrivateRedis();
  redis = createRequestRedis(server.url, { logger });
  app = await buildApp({
    logger,
    health: createHealth({ service: 'web', instance: 'web-test' }),
    metrics: createMetrics({ service: 'web', defaultMetrics: false }),
    redis,
    queuePrefix: testQueuePrefix(),
  });
});
afterAll(async () => {
  await app?.close();
  if (redis) await closeRedis(redis);
  await server?.close();
});

async function health() {
  const started = Date.now();
  const response = await app.inject({ method: 'GET', url: '/api/health' });
  return { ms: Date.now() - started, status: response.statusCode, body: suiteHealthSchema.parse(response.json()) };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

describe('GET /api/health with Redis away', () => {
  it('answers 503 at once, naming Redis as what is down, and 200 again once Redis is back', async () => {
    await until(async () => (await health()).status === 200, 'the first connection');
    expect((await health()).body.redis).toEqual({ status: 'ok', detail: 'heartbeats read' });

    await server.stop();
    for (let i = 0; i < 3; i++) {
      const { ms, status, body } = await health();
      expect(status).toBe(503);
      expect(ms).toBeLessThan(1000);
      expect(body.status).toBe('down');
      expect(body.redis).toMatchObject({
        status: 'down',
        detail: expect.stringMatching(/^cannot read heartbeats from Redis/),
      });
      expect(body.services.gateway?.detail).toContain('cannot read heartbeats from Redis');
    }

    await server.start();
    await until(async () => (await health()).status === 200, 'Redis to be read again', 5000);
  });

  it('answers within its bound even when Redis accepts the connection but does not answer', async () => {
    const admin = createRequestRedis(server.url, { logger, commandTimeoutMs: 2000 });
    try {
      await until(async () => admin.status === 'ready', 'the admin connection');
      await admin.call('CLIENT', 'PAUSE', '1200', 'ALL');
      const { ms, status, body } = await health();
      expect(status).toBe(503);
      expect(ms).toBeLessThan(1000);
      expect(body.redis?.status).toBe('down');
    } finally {
      await admin.call('CLIENT', 'UNPAUSE').catch(() => {});
      await closeRedis(admin);
    }
  });
});
