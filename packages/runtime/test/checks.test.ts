import { type FakeServer, startFakeServer, testDatabaseServerUrl, testRedisUrl } from '@autoalex/testkit';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresCheck } from '../src/checks/postgres.ts';
import { redisCheck } from '../src/checks/redis.ts';
import { createHealth } from '../src/health.ts';
import { discordCheck } from '../src/integrations/discord.ts';
import { plexCheck } from '../src/integrations/plex.ts';
import { sunoCheck } from '../src/integrations/suno.ts';
import { tautulliCheck } from '../src/integrations/tautulli.ts';
import { closeRedis, createRedis } from '../src/redis.ts';
import { freePort } from '../src/testing/spawn-service.ts';
import { testContext } from './helpers.ts';

// Bodies recorded from real Tautulli 2.17.2 (shared/fixtures/tautulli: empty-arnold.json, error-invalid-apikey.txt).
const TAUTULLI_ARNOLD =
  '{"response": {"result": "success", "message": null, "data": "Remember when I said I\'d kill you last... I lied!"}}';
const TAUTULLI_BAD_KEY = '{"response": {"result": "error", "message": "Invalid apikey", "data": {}}}';

async function run(check: Parameters<ReturnType<typeof createHealth>['register']>[1]) {
  const health = createHealth({ service: 't', instance: 'i' });
  health.register('probe', check);
  return (await health.report()).checks.probe!;
}

describe('redisCheck', () => {
  it('is ok against a real Redis and down when nothing listens', async () => {
    const { ctx } = testContext();
    const live = createRedis(testRedisUrl(), { logger: ctx.logger });
    await live.ping();
    expect(await run(redisCheck(live))).toMatchObject({ status: 'ok' });
    await closeRedis(live);

    const dead = createRedis(`redis://127.0.0.1:${await freePort()}`, { logger: ctx.logger });
    await new Promise((resolve) => dead.once('error', resolve));
    const result = await run(redisCheck(dead));
    expect(result.status).toBe('down');
    expect(result.detail).toMatch(/^not connected/);
    await closeRedis(dead);
  });
});

describe('postgresCheck', () => {
  it('is ok against a real Postgres and down for a database that does not exist', async () => {
    const sql = postgres(testDatabaseServerUrl(), { max: 1, onnotice: () => {} });
    expect(await run(postgresCheck(sql))).toMatchObject({ status: 'ok', detail: 'select 1 answered' });
    await sql.end();

    const url = new URL(testDatabaseServerUrl());
    url.pathname = '/autoalex_no_such_database';
    const missing = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const result = await run(postgresCheck(missing));
    expect(result.status).toBe('down');
    expect(result.detail).toContain('autoalex_no_such_database');
    await missing.end();
  });
});

describe('upstream probes', () => {
  let fake: FakeServer;
  let mode = 'good';
  beforeAll(async () => {
    fake = await startFakeServer((req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (req.path === '/identity') return send(200, { MediaContainer: { claimed: true, version: '1.41.0' } });
      if (req.path === '/api/v2') {
        if (req.query.get('apikey') !== 'tautulli-good-key') return send(400, TAUTULLI_BAD_KEY);
        return send(200, TAUTULLI_ARNOLD);
      }
      if (req.path === '/api/v10/users/@me') {
        if (req.headers.authorization !== 'Bot good-token') return send(401, { message: '401: Unauthorized', code: 0 });
        return send(200, { id: '1', username: 'autoalex' });
      }
      if (req.path === '/api/v1/generate/credit') {
        if (req.headers.authorization !== 'Bearer suno-good-key') return send(401, { code: 401, msg: 'unauthorized' });
        return send(200, { code: 200, msg: 'success', data: mode === 'good' ? 120 : 0 });
      }
      send(404, {});
    });
  });
  afterAll(() => fake.close());

  it('plex: ok with the version, down when unreachable', async () => {
    expect(await run(plexCheck({ url: `${fake.url}/`, token: 'plex-token' }))).toMatchObject({
      status: 'ok',
      detail: 'Plex 1.41.0',
    });
    expect(fake.requests.at(-1)?.headers['x-plex-token']).toBe('plex-token');
    const down = await run(plexCheck({ url: `http://127.0.0.1:${await freePort()}` }));
    expect(down).toMatchObject({ status: 'down', detail: 'unreachable: ECONNREFUSED' });
  });

  it('tautulli: ok with a good key, down with the message Tautulli gives for a bad one, key never in detail', async () => {
    expect(await run(tautulliCheck({ url: fake.url, apiKey: 'tautulli-good-key' }))).toMatchObject({ status: 'ok' });
    const bad = await run(tautulliCheck({ url: fake.url, apiKey: 'tautulli-bad-key' }));
    expect(bad).toMatchObject({ status: 'down', detail: 'Tautulli refused the call: Invalid apikey' });
    expect(fake.requests.at(-1)?.query.get('cmd')).toBe('arnold');
  });

  it('discord: names the rejected token', async () => {
    expect(await run(discordCheck({ apiUrl: `${fake.url}/api`, token: 'good-token' }))).toMatchObject({
      status: 'ok',
      detail: 'signed in as autoalex',
    });
    expect(await run(discordCheck({ apiUrl: `${fake.url}/api`, token: 'bad-token' }))).toMatchObject({
      status: 'down',
      detail: 'Discord rejected DISCORD_TOKEN (HTTP 401)',
    });
  });

  it('discord: a DISCORD_API_URL ending in /v10 is asked /v10/users/@me once, as the REST client does', async () => {
    for (const apiUrl of [`${fake.url}/api/v10`, `${fake.url}/api/v10/`]) {
      expect(await run(discordCheck({ apiUrl, token: 'good-token' }))).toMatchObject({
        status: 'ok',
        detail: 'signed in as autoalex',
      });
      expect(fake.requests.at(-1)?.path).toBe('/api/v10/users/@me');
    }
  });

  it('suno: credits left, degraded at zero, down with a bad key', async () => {
    mode = 'good';
    expect(await run(sunoCheck({ url: fake.url, apiKey: 'suno-good-key' }))).toMatchObject({
      status: 'ok',
      detail: '120 credits left',
    });
    mode = 'empty';
    expect(await run(sunoCheck({ url: fake.url, apiKey: 'suno-good-key' }))).toMatchObject({ status: 'degraded' });
    expect(await run(sunoCheck({ url: fake.url, apiKey: 'suno-bad-key' }))).toMatchObject({
      status: 'down',
      detail: 'the provider rejected SUNO_API_KEY',
    });
  });
});
