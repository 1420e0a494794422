import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnService } from '../src/testing/spawn-service.ts';

const entry = fileURLToPath(new URL('./fixtures/service.ts', import.meta.url));
const hooksRun = (logs: Array<Record<string, unknown>>) =>
  logs.filter((line) => line.msg === 'hook ran').map((line) => line.hook);

describe('runService', () => {
  it('on SIGTERM runs the shutdown hooks in reverse start order and exits 0', async () => {
    const service = spawnService(entry, { FIXTURE_MODE: 'ok' });
    await service.waitForLog((line) => line.msg === 'ready');
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(service.logs.map((line) => line.msg)).toEqual([
      'ready',
      'shutting down (SIGTERM)',
      'hook ran',
      'hook ran',
      'hook ran',
      'shutdown complete',
    ]);
    expect(hooksRun(service.logs)).toEqual(['third', 'second', 'first']);
  });

  it('exits 1 when the shutdown deadline passes, naming the hook that hung', async () => {
    const service = spawnService(entry, { FIXTURE_MODE: 'stuck-shutdown', SHUTDOWN_TIMEOUT: '300' });
    await service.waitForLog((line) => line.msg === 'ready');
    expect(await service.stop('SIGTERM')).toEqual({ code: 1, signal: null });
    expect(hooksRun(service.logs)).toEqual(['third']);
    expect(service.logs.at(-1)).toMatchObject({ level: 'error', hook: 'stuck', timeoutMs: 300 });
  });

  it.each([
    ['crash', 'uncaught exception', 'boom'],
    ['reject', 'unhandled promise rejection', 'nobody caught this'],
  ])('%s: logs the error once and exits 1', async (mode, kind, message) => {
    const service = spawnService(entry, { FIXTURE_MODE: mode });
    expect(await service.exited).toEqual({ code: 1, signal: null });
    const fatal = service.logs.filter((line) => line.level === 'fatal');
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ msg: expect.stringMatching(new RegExp(`^${kind}`)), err: { message } });
  });

  it('exits 1 when start fails, after closing what start had opened', async () => {
    const service = spawnService(entry, { FIXTURE_MODE: 'fail-start' });
    expect(await service.exited).toEqual({ code: 1, signal: null });
    expect(service.logs.find((line) => line.level === 'fatal')?.msg).toBe('failed to start');
    expect(hooksRun(service.logs)).toEqual(['third', 'second', 'first']);
  });

  it('exits 78 on a bad configuration, with one message on stderr and nothing on stdout', async () => {
    const service = spawnService(entry, { FIXTURE_MODE: 'sideways', SHUTDOWN_TIMEOUT: '5', LOG_LEVEL: 'loud' });
    expect(await service.exited).toEqual({ code: 78, signal: null });
    expect(service.stderr()).toMatch(/^autoalex fixture: configuration has 3 problems:\n( {2}- .+\n){3}$/);
    expect(service.logs).toEqual([]);
  });
});
