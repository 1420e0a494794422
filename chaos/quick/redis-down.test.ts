import { type Bus, createBus } from '@autoalex/contracts';
import { BUSY_MESSAGE } from '@autoalex/ingress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbacksOf, eventually, latency, sleep } from '../support/observe.ts';
import { DISCORD_DEADLINE_MS, useChaosSuite } from '../support/suite.ts';

// Issue 15, item 2 (ADR 0230), with the real gateway, interactions and web processes: Redis is
// killed; a slash command through the gateway and one through the HTTP endpoint are each answered
// "busy, try again in a minute" within Discord's 3 s, /api/health answers 503 within 1 s naming
// Redis; Redis comes back, the services resume on their own, the next command is answered as
// usual, and the ones answered "busy" are not answered again.

let bus: Bus;

const suite = useChaosSuite({ services: ['gateway', 'interactions', 'web'] });
beforeAll(async () => {
  bus = createBus({ connection: suite().redis.url, prefix: suite().prefix });
});
afterAll(async () => {
  await bus?.close();
});

const busyCallback = { type: 4, data: { content: BUSY_MESSAGE, flags: 64 } };

describe('chaos: Redis down', () => {
  const answeredBusy: string[] = [];

  it('before: /help is answered as usual', async () => {
    const handle = suite().slash('help');
    const callback = await handle.waitForCallback();
    expect(callback.data?.content).toMatch(/^Available now/);
    expect(latency(handle, callback)).toBeLessThan(DISCORD_DEADLINE_MS);
  });

  it('Redis killed: gateway and HTTP interactions are answered "busy" within 3 s; /api/health is 503 within 1 s', async () => {
    await suite().redis.stop();

    const viaGateway = suite().slash('help');
    const callback = await viaGateway.waitForCallback();
    expect(callback).toMatchObject(busyCallback);
    expect(latency(viaGateway, callback)).toBeLessThan(DISCORD_DEADLINE_MS);

    const viaHttp = await suite().httpSlash('help');
    expect(viaHttp).toMatchObject({ status: 200, body: busyCallback, callbackStatus: 204 });
    expect(latency(viaHttp, await viaHttp.waitForCallback())).toBeLessThan(DISCORD_DEADLINE_MS);

    const health = await suite().apiHealth();
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(1000);
    expect(health.body).toMatchObject({ status: 'down', redis: { status: 'down' } });

    // A second round a few seconds into the outage: still answered, still in time.
    await sleep(2000);
    const later = suite().slash('status');
    const laterCallback = await later.waitForCallback();
    expect(laterCallback).toMatchObject(busyCallback);
    expect(latency(later, laterCallback)).toBeLessThan(DISCORD_DEADLINE_MS);
    answeredBusy.push(viaGateway.id, viaHttp.id, later.id);
  });

  it('Redis back: the services resume by themselves and the next command is answered as usual, once', async () => {
    await suite().redis.start();
    await eventually(
      async () => ((await suite().apiHealth()).status === 200 ? true : undefined),
      '/api/health 200',
      15_000,
    );
    // Every service beats again (each heartbeat is written on its own reconnection).
    await eventually(
      async () => {
        const { body } = await suite().apiHealth();
        const services = body.services as Record<string, { status: string }>;
        return ['gateway', 'interactions', 'web'].every((name) => services[name]?.status !== 'down') ? true : undefined;
      },
      'the heartbeats of gateway, interactions and web',
      20_000,
    );

    const handle = suite().slash('help');
    const callback = await handle.waitForCallback();
    expect(callback.type).toBe(4);
    expect(callback.data?.content).toMatch(/^Available now/);
    expect(latency(handle, callback)).toBeLessThan(DISCORD_DEADLINE_MS);

    await sleep(1000);
    for (const id of answeredBusy) {
      expect(callbacksOf(suite().fake, { id }), `interaction ${id}`).toHaveLength(1);
      expect(await bus.queue('interactions').getJob(`interaction-${id}`)).toBeUndefined();
    }
    expect(callbacksOf(suite().fake, handle)).toHaveLength(1);
    // No process died on the way.
    for (const name of ['gateway', 'interactions', 'web'] as const) {
      expect(suite().service(name).history).toHaveLength(1);
      expect(suite().service(name).process.child.exitCode).toBeNull();
    }
  });
});
