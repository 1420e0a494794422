import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDocker } from '@autoalex/docker/testing';
import { startFakeServer } from '@autoalex/testkit';
import { describe, expect, it } from 'vitest';
import { type Integration, useIntegration } from '../src/integration.ts';
import { discordIntegration } from '../src/integrations/discord.ts';
import { dockerIntegration } from '../src/integrations/docker.ts';
import { testContext } from './helpers.ts';

type WidgetConfig = { WIDGET_URL?: string | undefined; WIDGET_KEY?: string | undefined };

function widgetIntegration(made: Array<{ url: string; timeoutMs?: number | undefined }>) {
  const closed: string[] = [];
  const integration: Integration<
    WidgetConfig,
    'WIDGET_URL' | 'WIDGET_KEY',
    { url: string },
    { timeoutMs?: number } | undefined
  > = {
    name: 'widget',
    requires: ['WIDGET_URL', 'WIDGET_KEY'],
    without: 'widgets are disabled',
    client: (config, options) => {
      made.push({ url: config.WIDGET_URL, timeoutMs: options?.timeoutMs });
      return { url: config.WIDGET_URL };
    },
    check: (client) => async () => ({ status: 'ok', detail: `widget at ${client.url}` }),
    checkOptions: { timeoutMs: 50 },
    close: (client) => {
      closed.push(client.url);
    },
  };
  return { integration, closed };
}

describe('useIntegration', () => {
  it('off: reports it disabled once, in the log and /healthz, naming what to set; builds nothing', async () => {
    const made: Array<{ url: string }> = [];
    const { integration } = widgetIntegration(made);
    const { ctx, logs } = testContext();
    const client = useIntegration({ ...ctx, config: {} }, integration, { without: '/widget says no', to: 'see them' });
    expect(client).toBeUndefined();
    expect(made).toEqual([]);
    const detail = 'WIDGET_URL is not set: /widget says no; set WIDGET_URL and WIDGET_KEY in .env to see them';
    expect((await ctx.health.report()).checks.widget).toEqual({ status: 'disabled', latencyMs: 0, detail });
    expect(logs().filter((line) => line.msg === detail)).toEqual([expect.objectContaining({ check: 'widget' })]);

    const { ctx: other } = testContext();
    useIntegration({ ...other, config: { WIDGET_URL: 'http://w' } }, integration);
    expect((await other.health.report()).checks.widget?.detail).toBe(
      'WIDGET_KEY is not set: widgets are disabled; set it in .env',
    );
  });

  it('on: builds the client with the service options, checks it, and closes it on shutdown', async () => {
    const made: Array<{ url: string; timeoutMs?: number | undefined }> = [];
    const { integration, closed } = widgetIntegration(made);
    const { ctx, shutdown } = testContext();
    const config = { WIDGET_URL: 'http://w', WIDGET_KEY: 'k' };
    const client = useIntegration({ ...ctx, config }, integration, { client: { timeoutMs: 1500 } });
    expect(client).toEqual({ url: 'http://w' });
    expect(made).toEqual([{ url: 'http://w', timeoutMs: 1500 }]);
    expect((await ctx.health.report()).checks.widget).toMatchObject({ status: 'ok', detail: 'widget at http://w' });
    await shutdown.run('test');
    expect(closed).toEqual(['http://w']);
  });
});

describe('discordIntegration', () => {
  it('gives a REST client without the bot token when off (interaction replies need none)', async () => {
    const { ctx } = testContext();
    const config = { DISCORD_API_URL: 'https://discord.test/api' };
    const rest = useIntegration({ ...ctx, config }, discordIntegration, {
      without: 'Discord replies are disabled',
      to: 'answer commands',
    });
    expect(rest).toBeDefined();
    expect((await ctx.health.report()).checks.discord?.detail).toBe(
      'DISCORD_TOKEN is not set: Discord replies are disabled; set it in .env to answer commands',
    );
  });

  it('with DISCORD_API_URL ending in /v10, the REST client and the health check ask the same path', async () => {
    const fake = await startFakeServer((req, res) => {
      res.writeHead(req.path === '/api/v10/users/@me' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: '1', username: 'autoalex' }));
    });
    try {
      const { ctx } = testContext();
      const config = { DISCORD_API_URL: `${fake.url}/api/v10`, DISCORD_TOKEN: 'x'.repeat(60) };
      const rest = useIntegration({ ...ctx, config }, discordIntegration);
      await rest.get('/users/@me');
      const health = await ctx.health.report();
      expect(health.checks.discord).toMatchObject({ status: 'ok', detail: 'signed in as autoalex' });
      expect(fake.requests.map((r) => r.path)).toEqual(['/api/v10/users/@me', '/api/v10/users/@me']);
    } finally {
      await fake.close();
    }
  });
});

describe('dockerIntegration', () => {
  it('looks for the socket on every check: disabled while it is missing, ok once it appears', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'autoalex-docker-'));
    const socketPath = join(dir, 'docker.sock');
    try {
      const { ctx } = testContext();
      useIntegration({ ...ctx, config: { DOCKER_HOST: `unix://${socketPath}` } }, dockerIntegration);
      expect((await ctx.health.report()).checks.docker).toMatchObject({
        status: 'disabled',
        detail: `no Docker socket at ${socketPath}: container log diagnostics are disabled; mount the socket (read-only) or set DOCKER_HOST to a socket proxy`,
      });
      expect((await ctx.health.report()).status).toBe('ok');

      const docker = await startFakeDocker({ socketPath });
      try {
        expect((await ctx.health.report()).checks.docker).toMatchObject({
          status: 'ok',
          detail: `Docker Engine at unix://${socketPath} answered /_ping`,
        });
      } finally {
        await docker.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
