import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDocker } from '@autoalex/docker/testing';
import type { HealthReport } from '@autoalex/runtime';
import { useServiceProcess } from '@autoalex/runtime/testing';
import { startFakeServer } from '@autoalex/testkit';
import { describe, expect, it } from 'vitest';

const monitor = useServiceProcess(new URL('../src/main.ts', import.meta.url), {
  portVariable: 'MONITOR_PORT',
  migrate: true,
});

describe('monitor process', () => {
  it('says in /healthz what is off and how to turn it on, is not down because of a watched target, and stops cleanly', async () => {
    // Plex answers 500: a watched target failing is an incident, not the monitor's own health.
    const plex = await startFakeServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html>Internal Server Error</html>');
    });
    try {
      const { service, status, health } = await monitor.boot({
        PLEX_URL: plex.url,
        PLEX_TOKEN: 'plex-test-token',
        DOCKER_HOST: 'unix:///nonexistent/autoalex-test/docker.sock',
        MONITOR_SERVICES: 'none',
      });
      expect(status).toBe(200);
      expect(health).toMatchObject({
        service: 'monitor',
        status: 'ok',
        checks: {
          redis: { status: 'ok' },
          postgres: { status: 'ok' },
          polling: { status: 'ok' },
          docker: { status: 'disabled' },
          alerts: { status: 'disabled' },
          tautulli: { status: 'disabled' },
        },
      });
      expect(health.checks.plex).toBeUndefined();
      expect(health.checks.docker?.detail).toMatch(
        /^no Docker socket at \/nonexistent\/autoalex-test\/docker.sock: container log diagnostics are disabled/,
      );
      expect(health.checks.alerts?.detail).toBe(
        'alerts are disabled: DISCORD_TOKEN is not set; incidents are still recorded and logged (set DISCORD_TOKEN and DISCORD_ALERT_CHANNEL_ID in .env)',
      );
      expect(health.checks.tautulli?.detail).toMatch(/^TAUTULLI_URL is not set: Tautulli is not watched/);
      // /identity is anonymous: the token is not sent to the health probe.
      expect(plex.requests.some((r) => r.path === '/identity')).toBe(true);
      expect(plex.requests.every((r) => r.headers['x-plex-token'] === undefined)).toBe(true);
      expect(await service.stop()).toEqual({ code: 0, signal: null });
      expect(service.logs.map((l) => l.msg)).toContain('first check round finished');
    } finally {
      await plex.close();
    }
  });

  it('turns docker ok in /healthz once a Docker socket appears after start-up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'monitor-docker-'));
    const socketPath = join(dir, 'docker.sock');
    try {
      const { service, port, health } = await monitor.boot({
        DOCKER_HOST: `unix://${socketPath}`,
        MONITOR_SERVICES: 'none',
      });
      expect(health.checks.docker).toMatchObject({ status: 'disabled' });
      expect(health.checks.docker?.detail).toMatch(/^no Docker socket at /);
      const docker = await startFakeDocker({ socketPath });
      try {
        const later = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as HealthReport;
        expect(later.checks.docker).toMatchObject({
          status: 'ok',
          detail: `Docker Engine at unix://${socketPath} answered /_ping`,
        });
      } finally {
        await docker.close();
      }
      expect(await service.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses MONITOR_SERVICES naming a service the suite does not have, with the reason', async () => {
    const { service } = await monitor.spawn({ MONITOR_SERVICES: 'gateway,nonsense', MONITOR_FAILURE_THRESHOLD: '0' });
    const exit = await service.exited;
    expect(exit.code).toBe(78);
    expect(service.stderr()).toContain('MONITOR_SERVICES: must be all, none, or names from');
    expect(service.stderr()).toContain('MONITOR_FAILURE_THRESHOLD: must be at least 1');
  });
});
