import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { bootService, freePort } from '@autoalex/runtime/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  dataDir = await mkdtemp(join(tmpdir(), 'remix-main-'));
});
afterAll(async () => {
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('remix-worker process', () => {
  it('starts with Redis, Postgres and storage checks, says what is missing, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { service, status, health } = await bootService(
      entry,
      {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: testQueuePrefix(),
        REMIX_WORKER_PORT: String(port),
        DATA_DIR: dataDir,
      },
      port,
    );
    expect(status).toBe(200);
    // No models yet: degraded (not down), with the way to get them; Plex and Discord are off.
    expect(health).toMatchObject({
      service: 'remix-worker',
      status: 'degraded',
      checks: {
        redis: { status: 'ok' },
        postgres: { status: 'ok' },
        storage: { status: 'ok' },
        queue: { status: 'ok' },
        models: { status: 'degraded', detail: expect.stringContaining('export-htdemucs-onnx.py') },
        plex: { status: 'disabled', detail: expect.stringContaining('PLEX_URL') },
        discord: { status: 'disabled' },
      },
    });
    expect(service.logs.filter((line) => line.msg === 'taking remix jobs from the queue')).toHaveLength(1);
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
