import { describe, expect, it } from 'vitest';
import { useServiceProcess } from '../src/testing/service-process.ts';
import type { SpawnedService } from '../src/testing/spawn-service.ts';

// The fixture service ignores the connection settings; it runs until it is signalled.
const fixture = useServiceProcess(new URL('./fixtures/service.ts', import.meta.url), { portVariable: 'FIXTURE_PORT' });
let leftRunning: SpawnedService | undefined;

describe('useServiceProcess', () => {
  it('gives each start the file database, the test Redis, a fresh prefix and a free port, extra over them', async () => {
    const first = await fixture.env();
    const second = await fixture.env({ FIXTURE_PORT: '4321', LOG_LEVEL: 'warn' });
    expect(first.env).toMatchObject({
      DATABASE_URL: fixture.database.url,
      REDIS_URL: expect.stringMatching(/^redis:\/\//),
      QUEUE_PREFIX: first.prefix,
      FIXTURE_PORT: String(first.port),
    });
    expect(first.port).toBeGreaterThan(0);
    expect(second.prefix).not.toBe(first.prefix);
    expect(second.port).toBe(4321);
    expect(second.env.LOG_LEVEL).toBe('warn');
  });

  it('(a test that leaves its service running)', async () => {
    const { service } = await fixture.spawn({ FIXTURE_MODE: 'ok' });
    await service.waitForLog((line) => line.msg === 'ready');
    leftRunning = service;
  });

  it('kills what a test left running before the next test', async () => {
    expect(leftRunning).toBeDefined();
    expect(leftRunning?.child.signalCode).toBe('SIGKILL');
    expect(await leftRunning?.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });
});
