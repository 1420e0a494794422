import { createBus } from '@autoalex/contracts';
import { type FakeDiscord, startFakeDiscord } from '@autoalex/discord/testing';
import { BUSY_MESSAGE } from '@autoalex/ingress';
import { createHealth, createLogger, createMetrics, createRedis, type Redis } from '@autoalex/runtime';
import { useServiceProcess } from '@autoalex/runtime/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { HTTP_INTERACTIONS_OFF } from '../src/routes/interactions.ts';

const web = useServiceProcess(new URL('../src/main.ts', import.meta.url), { portVariable: 'WEB_PORT' });
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake?.close();
});

describe('POST /interactions', () => {
  it('answers 404 with how to turn it on when DISCORD_PUBLIC_KEY is unset', async () => {
    const logger = createLogger({ service: 'web', level: 'silent' });
    const redis: Redis = createRedis(testRedisUrl(), { logger });
    const app = await buildApp({
      logger,
      health: createHealth({ service: 'web', instance: 'test' }),
      metrics: createMetrics({ service: 'web', defaultMetrics: false }),
      redis,
      queuePrefix: testQueuePrefix(),
    });
    try {
      const res = await app.inject({ method: 'POST', url: '/interactions', payload: { type: 1 } });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: HTTP_INTERACTIONS_OFF });
    } finally {
      await app.close();
      await redis.quit();
    }
  });

  it('in the web process: takes a signed interaction from Discord, publishes it, defers it, then says busy', async () => {
    const { service, health, port, prefix } = await web.boot({
      DISCORD_PUBLIC_KEY: fake.interactionsPublicKey,
      DISCORD_API_URL: fake.restOptions.api,
      INTERACTION_DEFER_AFTER_MS: '300',
      INTERACTION_BUSY_AFTER_MS: '3000',
    });
    const bus = createBus({ connection: testRedisUrl(), prefix });
    try {
      expect(health.checks).not.toHaveProperty('http-interactions');
      const url = `http://127.0.0.1:${port}/interactions`;
      const ping = await fake.sendHttpInteraction(url, { type: 1 });
      expect(ping).toMatchObject({ status: 200, body: { type: 1 } });

      const sent = await fake.sendHttpInteraction(url, { data: { name: 'help' } });
      expect(sent).toMatchObject({ status: 200, body: { type: 5, data: { flags: 64 } }, callbackStatus: 204 });
      const job = await bus.queue('interactions').getJob(`interaction-${sent.id}`);
      expect(job?.data).toMatchObject({ interaction: sent.payload, source: 'http' });
      const [message] = await sent.waitForMessages(1);
      expect(message).toMatchObject({ content: BUSY_MESSAGE, flags: 64 });

      const forged = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-signature-ed25519': 'a'.repeat(128),
          'x-signature-timestamp': '1',
        },
        body: JSON.stringify(sent.payload),
      });
      expect(forged.status).toBe(401);
      expect(fake.violations).toEqual([]);
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await bus.close();
    }
  });
});
