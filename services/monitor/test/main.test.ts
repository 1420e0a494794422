import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { bootService, freePort } from '@autoalex/runtime/testing';
import { startFakeServer, testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await database?.drop();
});

describe('monitor process', () => {
  it('reports Plex reachable, and Docker and Discord alerts as disabled with how to enable them', async () => {
    const plex = await startFakeServer((req, res) => {
      res.writeHead(req.path === '/identity' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ MediaContainer: { size: 0, claimed: true, machineIdentifier: 'abc', version: '1.41.3' } }),
      );
    });
    const port = await freePort();
    try {
      const { service, status, health } = await bootService(
        entry,
        {
          DATABASE_URL: database.url,
          REDIS_URL: testRedisUrl(),
          QUEUE_PREFIX: testQueuePrefix(),
          MONITOR_PORT: String(port),
          PLEX_URL: plex.url,
          PLEX_TOKEN: 'plex-test-token',
          DOCKER_HOST: 'unix:///nonexistent/autoalex-test/docker.sock',
        },
        port,
      );
      expect(status).toBe(200);
      expect(health).toMatchObject({
        service: 'monitor',
        status: 'ok',
        checks: {
          redis: { status: 'ok' },
          postgres: { status: 'ok' },
          plex: { status: 'ok', detail: 'Plex 1.41.3' },
          docker: { status: 'disabled' },
          discord: { status: 'disabled' },
        },
      });
      expect(health.checks.docker?.detail).toMatch(
        /^no Docker socket at \/nonexistent\/autoalex-test\/docker.sock: container log diagnostics are disabled/,
      );
      expect(plex.requests[0]?.headers['x-plex-token']).toBe('plex-test-token');
      expect(await service.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await plex.close();
    }
  });
});
