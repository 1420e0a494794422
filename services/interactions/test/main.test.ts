import { fileURLToPath } from 'node:url';
import { createLogger, createRedis, heartbeatKey } from '@autoalex/runtime';
import { spawnService, useServiceProcess } from '@autoalex/runtime/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const interactions = useServiceProcess(entry, { portVariable: 'INTERACTIONS_PORT' });

describe('interactions process', () => {
  it('starts, reports healthy with its checks, beats in Redis, and exits 0 on SIGTERM', async () => {
    const { service, port, prefix } = await interactions.spawn();
    const redis = createRedis(testRedisUrl(), { logger: createLogger({ service: 'test', level: 'silent' }) });
    try {
      const beat = await service.waitForLog((line) => line.msg === 'heartbeat: first beat written');
      expect(beat).toMatchObject({ service: 'interactions', level: 'info' });

      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      const health = (await response.json()) as { instance: string } & Record<string, unknown>;
      expect(health).toMatchObject({
        service: 'interactions',
        status: 'ok',
        checks: {
          redis: { status: 'ok' },
          postgres: { status: 'ok' },
          discord: {
            status: 'disabled',
            detail: 'DISCORD_TOKEN is not set: Discord replies are disabled; set it in .env to answer commands',
          },
          queue: { status: 'ok', detail: 'taking interactions from the queue' },
        },
      });
      const key = heartbeatKey(prefix, 'interactions', health.instance);
      expect(await redis.exists(key)).toBe(1);

      expect(service.logs.find((line) => line.msg === 'answering interactions from the queue')).toMatchObject({
        commands: 23,
        components: 1,
      });

      const exit = await service.stop('SIGTERM');
      expect(exit).toEqual({ code: 0, signal: null });
      expect(service.logs.at(-1)?.msg).toBe('shutdown complete');
      expect(await redis.exists(key)).toBe(0);
      expect(service.otherOutput).toEqual([]);
      expect(service.stderr()).toBe('');
    } finally {
      redis.disconnect();
    }
  });

  it('exits 78 with one message listing every configuration problem', async () => {
    const service = spawnService(entry, { REDIS_URL: 'redis//nope', QUEUE_PREFIX: testQueuePrefix() });
    const exit = await service.exited;
    expect(exit.code).toBe(78);
    const stderr = service.stderr();
    expect(stderr.match(/configuration has/g)).toHaveLength(1);
    expect(stderr).toMatch(/^autoalex interactions: configuration has 2 problems:\n/);
    expect(stderr).toMatch(/ {2}- DATABASE_URL: is required/);
    expect(stderr).toMatch(/ {2}- REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(stderr).not.toContain('redis//nope');
    expect(service.logs).toEqual([]);
  });
});
