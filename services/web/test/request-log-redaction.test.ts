import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createHealth, createLogger, createMetrics, createRedis, type Redis } from '@autoalex/runtime';
import { createLocalBlobStore } from '@autoalex/storage';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';

// Every request log line of the web app, whatever path a signed link or a token reaches it by
// (ADR 0228): the files route, a path that only looks like it, a proxy prefix, a plain 404.

const SECRET = 'Zm9vYmFyLXNpZ25hdHVyZS0wMTIzNDU2Nzg5';
const lines: string[] = [];
const logger = createLogger({
  service: 'web',
  level: 'info',
  destination: new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  }),
});
let redis: Redis;
let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  redis = createRedis(testRedisUrl(), { logger });
  dir = await mkdtemp(join(tmpdir(), 'web-redaction-'));
  app = await buildApp({
    logger,
    health: createHealth({ service: 'web', instance: 'redaction-test' }),
    metrics: createMetrics({ service: 'web', defaultMetrics: false }),
    redis,
    queuePrefix: testQueuePrefix(),
    files: { store: createLocalBlobStore({ root: dir, publicUrl: 'http://alex.test' }), signingSecret: 'x'.repeat(32) },
  });
});

afterAll(async () => {
  await app?.close();
  await redis?.quit();
  await rm(dir, { recursive: true, force: true });
});

describe('request logs of the web app', () => {
  it.each([
    `/x/../files/remixes/a.mp3?expires=1800000000&signature=${SECRET}`,
    `/anything?signature=${SECRET}`,
    `/files/..%2f?token=${SECRET}`,
    `/proxy/prefix/files/remixes/a.mp3?expires=1800000000&signature=${SECRET}`,
    `/files/remixes/a.mp3?expires=1800000000&signature=${SECRET}`,
    `/not-a-route?X-Plex-Token=${SECRET}&code=${SECRET}&state=${SECRET}&access_token=${SECRET}&apikey=${SECRET}`,
  ])('never hold the secret of %s', async (url) => {
    const before = lines.length;
    const res = await app.inject({ method: 'GET', url });
    expect([403, 404]).toContain(res.statusCode);
    const logged = lines.slice(before).join('');
    expect(logged).toContain('incoming request');
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(SECRET);
  });
});
