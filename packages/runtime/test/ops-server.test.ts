import { describe, expect, it } from 'vitest';
import { startOpsServer } from '../src/ops-server.ts';
import { testContext } from './helpers.ts';

describe('startOpsServer', () => {
  it('serves /healthz (200 when degraded, 503 when down) and /metrics, and closes on shutdown', async () => {
    const { ctx, shutdown } = testContext('remix-worker');
    let redis: 'ok' | 'down' = 'ok';
    ctx.health.register('redis', async () => ({ status: redis, detail: redis }));
    ctx.health.register('plex', async () => ({ status: 'degraded', detail: 'slow' }));
    ctx.health.disabled('discord', 'DISCORD_TOKEN is not set');
    const jobs = ctx.metrics.counter({ name: 'autoalex_jobs_total', help: 'jobs', labelNames: ['queue'] });
    jobs.inc({ queue: 'remix' }, 3);

    const { app, port } = await startOpsServer(ctx, { port: 0, host: '127.0.0.1' });
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(healthy.status).toBe(200);
    const body = (await healthy.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      service: 'remix-worker',
      instance: 'test-host-1',
      status: 'degraded',
      checks: {
        redis: { status: 'ok', detail: 'ok' },
        plex: { status: 'degraded' },
        discord: { status: 'disabled', detail: 'DISCORD_TOKEN is not set' },
      },
    });
    expect(typeof body.uptimeSeconds).toBe('number');

    redis = 'down';
    const down = await app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json().status).toBe('down');

    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('autoalex_jobs_total{queue="remix",service="remix-worker"} 3');
    expect(text).toMatch(/process_resident_memory_bytes\{service="remix-worker"\}/);

    expect(await shutdown.run('test')).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
