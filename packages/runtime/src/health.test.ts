import { describe, expect, it } from 'vitest';
import { createHealth, httpStatusOf, overallStatus } from './health.ts';

const settings = { service: 'test', instance: 'host-1', uptime: () => 42.9 };

describe('overallStatus', () => {
  it('is the worst enabled check and ignores disabled ones', () => {
    expect(overallStatus([])).toBe('ok');
    expect(overallStatus([{ status: 'ok' }, { status: 'disabled' }])).toBe('ok');
    expect(overallStatus([{ status: 'ok' }, { status: 'degraded' }, { status: 'disabled' }])).toBe('degraded');
    expect(overallStatus([{ status: 'degraded' }, { status: 'down' }, { status: 'ok' }])).toBe('down');
    expect(overallStatus([{ status: 'disabled' }, { status: 'disabled' }])).toBe('ok');
  });

  it('maps down to 503 and the rest to 200', () => {
    expect([httpStatusOf('ok'), httpStatusOf('degraded'), httpStatusOf('down')]).toEqual([200, 200, 503]);
  });
});

describe('createHealth', () => {
  it('reports every check with status, latency and detail', async () => {
    const health = createHealth(settings);
    health.register('redis', async () => ({ status: 'ok', detail: 'PING answered' }));
    health.register('plex', async () => ({ status: 'degraded', detail: 'slow' }));
    health.disabled('discord', 'DISCORD_TOKEN is not set');
    const report = await health.report();
    expect(report).toMatchObject({
      service: 'test',
      instance: 'host-1',
      status: 'degraded',
      uptimeSeconds: 42,
      checks: {
        redis: { status: 'ok', detail: 'PING answered' },
        plex: { status: 'degraded', detail: 'slow' },
        discord: { status: 'disabled', detail: 'DISCORD_TOKEN is not set', latencyMs: 0 },
      },
    });
    expect(report.checks.redis?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('turns a thrown error into down, without the secrets in its message', async () => {
    const health = createHealth(settings);
    health.register('postgres', async () => {
      throw Object.assign(new Error('connect to postgres://app:hunter2secret@db:5432/x failed'), {
        code: 'ECONNREFUSED',
      });
    });
    const report = await health.report();
    expect(report.status).toBe('down');
    expect(report.checks.postgres?.status).toBe('down');
    expect(report.checks.postgres?.detail).toContain('ECONNREFUSED');
    expect(report.checks.postgres?.detail).not.toContain('hunter2secret');
  });

  it('reports a check that never answers as down once its timeout passes', async () => {
    const health = createHealth(settings);
    health.register('stuck', () => new Promise(() => {}), { timeoutMs: 20 });
    const report = await health.report();
    expect(report.checks.stuck).toMatchObject({ status: 'down', detail: 'timed out after 20 ms' });
  });

  it('reuses a cached result until cacheMs has passed', async () => {
    let clock = 1000;
    let calls = 0;
    const health = createHealth({ ...settings, now: () => clock });
    health.register(
      'upstream',
      async () => {
        calls += 1;
        return { status: 'ok', detail: `call ${calls}` };
      },
      { cacheMs: 60_000 },
    );
    expect((await health.report()).checks.upstream?.detail).toBe('call 1');
    clock += 59_999;
    expect((await health.report()).checks.upstream?.detail).toBe('call 1');
    clock += 1;
    expect((await health.report()).checks.upstream?.detail).toBe('call 2');
  });

  it('refuses a name registered twice', () => {
    const health = createHealth(settings);
    health.disabled('plex', 'PLEX_URL is not set');
    expect(() => health.register('plex', async () => ({ status: 'ok' }))).toThrow(/registered twice/);
  });
});
