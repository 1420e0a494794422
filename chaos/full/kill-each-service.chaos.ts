import type { LogLine } from '@autoalex/runtime/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { callbacksOf, eventually, latency, sleep } from '../support/observe.ts';
import { usageInFlight } from '../support/scenarios.ts';
import { DISCORD_DEADLINE_MS, useChaosSuite } from '../support/suite.ts';

// npm run chaos: kill -9 of each service in the middle of its work (the interactions service and
// the remix-worker, twice, are quick cases in chaos/quick). Each case checks what the user sees,
// the database and how often something was delivered, and that the service works again after a
// plain restart, as a supervisor would do it.

describe('chaos (full): gateway killed while an interaction is in flight', () => {
  const suite = useChaosSuite({ services: ['gateway', 'interactions'], tautulli: true });

  it('the interaction is still answered once (by REST, without the gateway); the restarted gateway resumes', {
    timeout: 120_000,
  }, async () => {
    const handle = await usageInFlight(suite());
    await suite().kill('gateway');
    await suite().tautulli!.normal();

    const [answer] = await handle.waitForMessages(1, { timeoutMs: 20_000 });
    expect(String(answer?.content ?? '') + JSON.stringify(answer?.embeds ?? [])).not.toBe('[]');

    await suite().start('gateway');
    const started = suite().service('gateway').process;
    expect(started.logs.some((l) => typeof l.msg === 'string' && l.msg.startsWith('shard 0 ready'))).toBe(true);
    const next = suite().slash('help');
    const callback = await next.waitForCallback();
    expect(callback.data?.content).toMatch(/^Available now/);
    expect(latency(next, callback)).toBeLessThan(DISCORD_DEADLINE_MS);
    await sleep(1000);
    expect(callbacksOf(suite().fake, handle)).toHaveLength(1);
    expect(handle.messages()).toHaveLength(1);
  });
});

describe('chaos (full): web killed while it holds an HTTP interaction', () => {
  const suite = useChaosSuite({ services: ['interactions', 'web'] });

  it('the held request dies with web (Discord shows its failure); nothing answers it later; the restarted web answers', {
    timeout: 120_000,
  }, async () => {
    // The interactions service is paused, so web holds the POST while it waits for the answer.
    const interactions = suite().service('interactions').process.child;
    interactions.kill('SIGSTOP');
    const held = suite()
      .httpSlash('help')
      .catch((err: unknown) => err);
    await sleep(500);
    await suite().kill('web');
    expect(await held).toBeInstanceOf(Error);
    interactions.kill('SIGCONT');

    await suite().start('web');
    const next = await suite().httpSlash('help');
    expect(next).toMatchObject({ status: 200, body: { type: 4 }, callbackStatus: 204 });
    await sleep(3000);
    // The killed request's interaction: Discord never got a response for it, and none came later.
    const others = suite().fake.callbacks.filter((c) => c.interactionId !== next.id);
    expect(others).toEqual([]);
    expect(suite().service('interactions').history).toHaveLength(1);
  });
});

describe('chaos (full): library-worker killed mid-sync', () => {
  const suite = useChaosSuite({ services: [], standby: ['library-worker'], plex: true, tautulli: true });

  it('the sync runs again after the restart and the mirror ends complete, without duplicates', {
    timeout: 180_000,
  }, async () => {
    const plex = suite().plex!;
    plex.slow(400);
    await suite().start('library-worker');
    const first = suite().service('library-worker').process;
    await first.waitForLog((line: LogLine) => line.msg === 'library sync started');
    await sleep(500);
    await suite().kill('library-worker');
    plex.slow(0);

    await suite().start('library-worker');
    const second = suite().service('library-worker').process;
    await eventually(
      async () => (second.logs.some((l) => l.msg === 'library sync finished') ? true : undefined),
      'the sync to finish in the restarted worker',
      90_000,
    );
    const tracks = plex.library.sections.flatMap((section) => plex.library.tracksOf(section)).length;
    expect(tracks).toBeGreaterThan(0);
    const [row] = await suite().sql<{ count: number; distinct: number }[]>`
      select count(*)::int as count, count(distinct rating_key)::int as distinct
      from plex_tracks where deleted_at is null`;
    expect(row).toEqual({ count: tracks, distinct: tracks });
  });
});

describe('chaos (full): monitor killed while it alerts', () => {
  let channelId: string;
  const suite = useChaosSuite({ services: [], standby: ['monitor'], plex: true });
  beforeAll(async () => {
    channelId = String(suite().fake.guilds[0]!.channels.find((c) => c.type === 0)!.id);
  });

  it('one alert and one recovery notice, whatever the kill interrupted; the incident ends resolved', {
    timeout: 300_000,
  }, async () => {
    suite().setServiceEnv('monitor', {
      DISCORD_ALERT_CHANNEL_ID: channelId,
      PLEX_POLL_INTERVAL: '5',
      MONITOR_FAILURE_THRESHOLD: '2',
      MONITOR_SUCCESS_THRESHOLD: '1',
      MONITOR_SERVICES: 'none',
    });
    await suite().start('monitor');
    const plex = suite().plex!;
    await plex.down('refused');

    // Killed as soon as the incident exists: the alert is being posted, or just was.
    await eventually(
      async () =>
        (await suite().sql`select 1 from monitor_incidents where target = 'plex'`).length > 0 ? true : undefined,
      'the Plex incident',
      60_000,
    );
    await suite().kill('monitor');
    await suite().start('monitor');

    // A monitor that died holding the claim to post is taken over once the claim is a minute old.
    const alerts = () => suite().fake.channelMessages(channelId);
    await eventually(async () => (alerts().length >= 1 ? true : undefined), 'the alert', 120_000);
    await sleep(12_000);
    expect(alerts()).toHaveLength(1);

    await plex.up();
    await eventually(async () => (alerts().length >= 2 ? true : undefined), 'the recovery notice', 60_000);
    await sleep(12_000);
    expect(alerts()).toHaveLength(2);
    const { sql } = suite();
    const incidents = await sql<{ status: string }[]>`select status from monitor_incidents where target = 'plex'`;
    expect(incidents).toEqual([{ status: 'resolved' }]);
  });
});
