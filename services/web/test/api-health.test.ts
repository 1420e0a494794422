import { Writable } from 'node:stream';
import { SERVICE_NAMES } from '@autoalex/config';
import {
  createHealth,
  createLogger,
  createMetrics,
  createRedis,
  type Heartbeat,
  heartbeatKey,
  NO_HEARTBEAT,
  type Redis,
  suiteHealthSchema,
} from '@autoalex/runtime';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';

const prefix = testQueuePrefix();
const logLines: string[] = [];
const logger = createLogger({
  service: 'web',
  level: 'info',
  destination: new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
});
let redis: Redis;
let app: FastifyInstance;

function heartbeat(service: string, instance: string, status: Heartbeat['status'], checks: Heartbeat['checks']) {
  const beat: Heartbeat = { service, instance, status, uptimeSeconds: 5, checks, updatedAt: new Date().toISOString() };
  return redis.set(heartbeatKey(prefix, service, instance), JSON.stringify(beat), 'EX', 15);
}

beforeAll(async () => {
  redis = createRedis(testRedisUrl(), { logger });
  const health = createHealth({ service: 'web', instance: 'web-test' });
  health.register('redis', async () => ({ status: 'ok' }));
  app = await buildApp({
    logger,
    health,
    metrics: createMetrics({ service: 'web', defaultMetrics: false }),
    redis,
    queuePrefix: prefix,
  });
});
afterAll(async () => {
  await app?.close();
  redis?.disconnect();
});

describe('GET /api/health', () => {
  it('reports every service from the Redis heartbeats; a service without one is down', async () => {
    await heartbeat('gateway', 'host-a-11', 'ok', {
      redis: { status: 'ok', latencyMs: 1, detail: 'PING answered' },
      discord: { status: 'disabled', latencyMs: 0, detail: 'DISCORD_TOKEN is not set' },
    });
    await heartbeat('library-worker', 'host-b-22', 'degraded', {
      redis: { status: 'ok', latencyMs: 1, detail: 'PING answered' },
      tautulli: { status: 'degraded', latencyMs: 2400, detail: 'slow' },
    });

    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = suiteHealthSchema.parse(response.json());
    expect(Object.keys(body.services).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(body.status).toBe('down');
    expect(body.services.gateway).toMatchObject({
      status: 'ok',
      instances: 1,
      checks: { redis: { status: 'ok' }, discord: { status: 'disabled', detail: 'DISCORD_TOKEN is not set' } },
    });
    expect(body.services['library-worker']).toMatchObject({
      status: 'degraded',
      instances: 1,
      checks: { tautulli: { status: 'degraded', detail: 'slow' } },
    });
    for (const name of SERVICE_NAMES.filter((n) => n !== 'gateway' && n !== 'library-worker')) {
      expect(body.services[name]).toMatchObject({ status: 'down', instances: 0, detail: NO_HEARTBEAT });
    }
    expect(response.headers['x-correlation-id']).toBeTruthy();
  });

  it('skips a key that is not a heartbeat instead of failing', async () => {
    await redis.set(`${prefix}:health:player:junk`, '{not json', 'EX', 15);
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json().services.player.status).toBe('down');
  });

  it('serves its own /healthz and /metrics', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ service: 'web', status: 'ok', checks: { redis: { status: 'ok' } } });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
  });

  it('keeps a valid correlation id from the request and logs the request under it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-correlation-id': 'abc-123' },
    });
    expect(response.headers['x-correlation-id']).toBe('abc-123');
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line.correlationId === 'abc-123').map((line) => line.msg)).toEqual([
      'incoming request',
      'request completed',
    ]);
  });
});
