import { startFakeDiscord } from '@autoalex/discord/testing';
import type { HealthReport } from '@autoalex/runtime';
import { useServiceProcess } from '@autoalex/runtime/testing';
import { describe, expect, it } from 'vitest';

const gateway = useServiceProcess(new URL('../src/main.ts', import.meta.url), { portVariable: 'GATEWAY_PORT' });

describe('gateway process', () => {
  it('without DISCORD_TOKEN: starts healthy, says Discord is disabled, exits 0 on SIGTERM', async () => {
    const { service, status, health } = await gateway.boot();
    const message = 'DISCORD_TOKEN is not set: Discord is disabled; set it in .env to connect the bot';
    expect(status).toBe(200);
    expect(health).toMatchObject({
      service: 'gateway',
      status: 'ok',
      checks: { redis: { status: 'ok' }, discord: { status: 'disabled', detail: message } },
    });
    // The gateway has no use for Postgres: it never connects to it.
    expect(health).not.toHaveProperty('checks.postgres');
    expect(service.logs.some((line) => line.msg === message && line.level === 'info')).toBe(true);
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('with DISCORD_TOKEN: connects to the gateway, checks the token and never logs it', async () => {
    const discord = await startFakeDiscord();
    try {
      const { service, port } = await gateway.spawn({
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.restOptions.api,
      });
      await service.waitForLog((line) => line.msg === 'shard 0 ready (identified)');
      await service.waitForLog((line) => line.msg === 'heartbeat: first beat written');
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      const health = (await response.json()) as HealthReport;
      expect(response.status).toBe(200);
      expect(health.checks.discord).toMatchObject({ status: 'ok', detail: 'signed in as autoalex' });
      expect(health.checks.gateway).toMatchObject({ status: 'ok', detail: '1 shard ready, ping not measured yet' });
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      const secret = discord.token.split('.').at(-1) ?? '';
      expect(JSON.stringify(service.logs)).not.toContain(secret);
      expect(service.stderr()).not.toContain(secret);
    } finally {
      await discord.close();
    }
  });

  it('with a token Discord refuses: stays up, reports the gateway down and says why', async () => {
    const discord = await startFakeDiscord();
    try {
      const wrong = `${discord.token.slice(0, -4)}AAAA`;
      const { service, port } = await gateway.spawn({ DISCORD_TOKEN: wrong, DISCORD_API_URL: discord.restOptions.api });
      await service.waitForLog((line) => line.msg === 'cannot connect to the Discord gateway; retrying');
      await service.waitForLog((line) => line.msg === 'heartbeat: first beat written');
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      const health = (await response.json()) as HealthReport;
      expect(response.status).toBe(503);
      expect(health.checks.gateway).toMatchObject({
        status: 'down',
        detail: 'cannot connect to the Discord gateway: Discord rejected DISCORD_TOKEN (HTTP 401); retrying',
      });
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await discord.close();
    }
  });

  it('refuses SHARD_IDS without SHARD_COUNT', async () => {
    const discord = await startFakeDiscord();
    try {
      const { service } = await gateway.spawn({
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.restOptions.api,
        SHARD_IDS: '0-3',
      });
      const exit = await service.exited;
      expect(exit.code).not.toBe(0);
      expect(JSON.stringify(service.logs)).toContain('SHARD_IDS: needs SHARD_COUNT');
    } finally {
      await discord.close();
    }
  });
});
