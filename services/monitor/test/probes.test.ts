import { type Bus, createBus } from '@autoalex/contracts';
import { type FakePlex, sampleLibrary, startFakePlex } from '@autoalex/plex/testing';
import { heartbeatKey } from '@autoalex/runtime';
import { type FakeTautulli, startFakeTautulli } from '@autoalex/tautulli/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plexProbe } from '../src/probes/plex.ts';
import { queuesProbe } from '../src/probes/queues.ts';
import { servicesProbe } from '../src/probes/services.ts';
import { tautulliProbe } from '../src/probes/tautulli.ts';

// Each probe against the real thing it reads: the fake Plex and Tautulli, Redis heartbeats and
// BullMQ counts.

describe('Plex probe', () => {
  let plex: FakePlex;
  beforeAll(async () => {
    plex = await startFakePlex(sampleLibrary(), { token: 'plex-owner-token-0123456789' });
  });
  afterAll(async () => {
    await plex?.close();
  });
  const probe = () =>
    plexProbe({ url: plex.url, token: plex.token, timeoutMs: 300, container: 'binhex-plexpass' }).check();

  it('is up when /identity answers, and sends no token', async () => {
    expect((await probe()).plex).toEqual({
      status: 'up',
      detail: expect.stringMatching(/^Plex \S+ answered \/identity$/),
    });
    const identity = plex.requests.filter((r) => r.path === '/identity');
    expect(identity.length).toBeGreaterThan(0);
    expect(identity.every((r) => r.headers['x-plex-token'] === undefined)).toBe(true);
  });

  it('is down when Plex is slower than the deadline, answers 5xx, or is not listening', async () => {
    plex.slow(2000);
    expect((await probe()).plex).toMatchObject({ status: 'down', detail: expect.stringMatching(/^timeout: /) });
    await plex.normal();
    plex.fail(1, 503);
    expect((await probe()).plex).toMatchObject({ status: 'down', detail: expect.stringMatching(/^server: /) });
    await plex.down();
    const refused = (await probe()).plex;
    expect(refused).toMatchObject({ status: 'down', detail: expect.stringMatching(/^unreachable: /) });
    expect(refused?.detail).not.toContain(plex.token);
    await plex.up();
    expect((await probe()).plex?.status).toBe('up');
  });
});

describe('Tautulli probe', () => {
  let tautulli: FakeTautulli;
  beforeAll(async () => {
    tautulli = await startFakeTautulli(sampleLibrary());
  });
  afterAll(async () => {
    await tautulli?.close();
  });

  it('is up when Tautulli answers, even when it has lost Plex (that is Plex’s incident)', async () => {
    const probe = tautulliProbe({ url: tautulli.url, apiKey: tautulli.apiKey, timeoutMs: 2000 });
    expect((await probe.check()).tautulli).toMatchObject({ status: 'up', detail: expect.stringMatching(/streams?$/) });
    tautulli.setPlexConnected(false);
    expect((await probe.check()).tautulli).toEqual({
      status: 'up',
      detail: 'Tautulli answered; it has no connection to Plex right now',
    });
    tautulli.setPlexConnected(true);
  });

  it('is down with a wrong API key, without showing the key', async () => {
    const key = 'fedcba9876543210fedcba9876543210';
    const result = (await tautulliProbe({ url: tautulli.url, apiKey: key, timeoutMs: 2000 }).check()).tautulli;
    expect(result).toMatchObject({ status: 'down', detail: expect.stringMatching(/^bad-api-key: /) });
    expect(result?.detail).not.toContain(key);
  });
});

describe('services probe', () => {
  let redis: Redis;
  const prefix = testQueuePrefix();
  beforeAll(async () => {
    redis = new Redis(testRedisUrl());
    const beat = (service: string, status: string, checks: Record<string, { status: string; detail: string }>) =>
      redis.set(
        heartbeatKey(prefix, service, `${service}-1`),
        JSON.stringify({
          service,
          instance: `${service}-1`,
          status,
          uptimeSeconds: 10,
          checks: Object.fromEntries(Object.entries(checks).map(([n, c]) => [n, { ...c, latencyMs: 1 }])),
          updatedAt: new Date().toISOString(),
        }),
        'EX',
        60,
      );
    await beat('gateway', 'ok', { redis: { status: 'ok', detail: 'PONG' } });
    await beat('library-worker', 'down', {
      postgres: { status: 'ok', detail: 'ok' },
      plex: { status: 'down', detail: 'refused' },
    });
    await beat('interactions', 'down', { postgres: { status: 'down', detail: 'connection refused' } });
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it('judges each service from its heartbeat; an upstream watched on its own does not count', async () => {
    const results = await servicesProbe({
      redis,
      queuePrefix: prefix,
      services: ['gateway', 'library-worker', 'interactions', 'player'],
      upstreamChecks: ['plex', 'tautulli'],
    }).check();
    expect(results['service:gateway']).toEqual({ status: 'up', detail: 'ok, 1 replica' });
    expect(results['service:library-worker']).toEqual({
      status: 'up',
      detail: 'down, 1 replica; plex reported problems',
    });
    expect(results['service:interactions']).toEqual({
      status: 'down',
      detail: '1 replica, failing: postgres (connection refused)',
    });
    expect(results['service:player']).toMatchObject({ status: 'down', detail: expect.stringMatching(/^no heartbeat/) });
  });

  it('reports unknown, not down, when Redis cannot be read', async () => {
    const dead = new Redis('redis://127.0.0.1:9', { retryStrategy: () => null, maxRetriesPerRequest: 0 });
    dead.on('error', () => {});
    try {
      const results = await servicesProbe({
        redis: dead,
        queuePrefix: prefix,
        services: ['gateway'],
        upstreamChecks: [],
      }).check();
      expect(results['service:gateway']?.status).toBe('unknown');
    } finally {
      dead.disconnect();
    }
  });
});

describe('queues probe', () => {
  let bus: Bus;
  beforeAll(async () => {
    bus = createBus({ connection: testRedisUrl(), prefix: testQueuePrefix() });
    // Nobody takes these: they wait.
    for (let i = 0; i < 3; i++) await bus.queue('player').add('join', { n: i });
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('reports a backlog above the threshold and counts nothing else against it', async () => {
    const over = await queuesProbe({ bus, queues: ['player', 'remix'], threshold: 2 }).check();
    expect(over['queue:player']).toEqual({
      status: 'down',
      detail: '3 waiting (backlog above 2), 0 running, 0 delayed; not consumed yet: voice playback has not landed yet',
    });
    expect(over['queue:remix']?.status).toBe('up');
    const under = await queuesProbe({ bus, queues: ['player'], threshold: 3 }).check();
    expect(under['queue:player']?.status).toBe('up');
  });
});
