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

async function env(extra: Record<string, string> = {}) {
  const port = await freePort();
  return {
    port,
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: testQueuePrefix(),
      GATEWAY_PORT: String(port),
      ...extra,
    },
  };
}

describe('gateway process', () => {
  it('without DISCORD_TOKEN: starts healthy, says Discord is disabled, exits 0 on SIGTERM', async () => {
    const { port, env: vars } = await env();
    const { service, status, health } = await bootService(entry, vars, port);
    const message = 'DISCORD_TOKEN is not set: Discord is disabled; set it in .env to connect the bot';
    expect(status).toBe(200);
    expect(health).toMatchObject({
      service: 'gateway',
      status: 'ok',
      checks: { redis: { status: 'ok' }, postgres: { status: 'ok' }, discord: { status: 'disabled', detail: message } },
    });
    expect(service.logs.some((line) => line.msg === message && line.level === 'info')).toBe(true);
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('with DISCORD_TOKEN: checks the token against the Discord API and never logs it', async () => {
    const token = `MTI${'x'.repeat(56)}.secret-part`;
    const discord = await startFakeServer((req, res) => {
      const ok = req.path === '/api/v10/users/@me' && req.headers.authorization === `Bot ${token}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { id: '1', username: 'autoalex' } : { message: '401: Unauthorized', code: 0 }));
    });
    try {
      const { port, env: vars } = await env({ DISCORD_TOKEN: token, DISCORD_API_URL: `${discord.url}/api` });
      const { service, status, health } = await bootService(entry, vars, port);
      expect(status).toBe(200);
      expect(health.checks.discord).toMatchObject({ status: 'ok', detail: 'signed in as autoalex' });
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(JSON.stringify(service.logs)).not.toContain('secret-part');
      expect(service.stderr()).not.toContain('secret-part');
    } finally {
      await discord.close();
    }
  });
});
