import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useServiceProcess } from '@autoalex/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const remixWorker = useServiceProcess(new URL('../src/main.ts', import.meta.url), {
  portVariable: 'REMIX_WORKER_PORT',
});
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'remix-main-'));
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('remix-worker process', () => {
  it('starts with Redis, Postgres and storage checks, says what is missing, and exits 0 on SIGTERM', async () => {
    const { service, status, health } = await remixWorker.boot({ DATA_DIR: dataDir });
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
