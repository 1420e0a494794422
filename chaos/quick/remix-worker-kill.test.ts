import type { InteractionHandle } from '@autoalex/discord/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RemixFixture, createRemixFixture } from '../support/remix-fixture.ts';
import { callbacksOf, deliveries, eventually, shownTexts, sleep } from '../support/observe.ts';
import { type ChaosSuite, startChaosSuite } from '../support/suite.ts';

// Issue 15 item 1 (ADR 0229, 0230): the remix-worker is killed with SIGKILL twice in one remix, each
// time while it separates (two OOM kills on a small box). The queue allows three attempts, so the
// third run finishes: the user saw that the worker restarted and the remix resumes, then exactly
// one MP3; the remix_jobs row ends `succeeded` and delivered, and the user's active slot is free.

let suite: ChaosSuite;
let fixture: RemixFixture;

beforeAll(async () => {
  fixture = await createRemixFixture(20);
  suite = await startChaosSuite({
    services: ['gateway', 'interactions', 'remix-worker'],
    plex: { audio: fixture.audio },
    serviceEnv: { 'remix-worker': fixture.env },
  });
});
afterAll(async () => {
  await suite?.close();
  fixture?.remove();
});
afterEach(() => {
  expect(suite.fake.violations, 'every body the suite sent is valid for Discord').toEqual([]);
});

const boost = () =>
  suite.slash('boost', [
    { name: 'track', type: 3, value: '5201' },
    { name: 'stem', type: 3, value: 'bass' },
  ]);

/** Resolves once the user has been shown `count` texts that match (progress edits included). */
function shown(handle: InteractionHandle, pattern: RegExp, count: number, timeoutMs: number) {
  return eventually(
    async () => (shownTexts(suite.fake, handle).filter((t) => pattern.test(t)).length >= count ? true : undefined),
    `${count} message(s) matching ${pattern}`,
    timeoutMs,
  );
}

const SEPARATING = /separating/;
const RESUMING = /restart|resum/i;
const DONE = /^✅/;

describe('chaos: remix-worker killed twice in one remix', () => {
  it('resumes after each kill and delivers the MP3 once', { timeout: 150_000 }, async () => {
    const handle = boost();
    expect((await handle.waitForCallback()).type).toBe(4);

    for (let kill = 1; kill <= 2; kill++) {
      await shown(handle, SEPARATING, kill, 60_000);
      await suite.kill('remix-worker');
      await suite.start('remix-worker');
      // Within seconds of the stall being noticed, the user reads that the worker restarted.
      await shown(handle, RESUMING, kill, 60_000);
    }

    const finals = await eventually(
      async () => {
        const done = shownTexts(suite.fake, handle).filter((t) => DONE.test(t));
        return done.length > 0 ? done : undefined;
      },
      'the final message',
      60_000,
    );
    await sleep(2000);
    expect(finals).toHaveLength(1);
    expect(deliveries(suite.fake, handle)).toBe(1);
    expect(callbacksOf(suite.fake, handle)).toHaveLength(1);

    const rows = await suite.sql<{ status: string; delivered: boolean }[]>`
      select status, delivered_at is not null as delivered from remix_jobs`;
    expect(rows).toEqual([{ status: 'succeeded', delivered: true }]);
  });

  it("the user's active slot is free: the next remix is accepted", async () => {
    const handle = boost();
    const callback = await handle.waitForCallback();
    expect(String(callback.data?.content)).not.toMatch(/already have a remix running/);
    await shown(handle, DONE, 1, 60_000);
    expect(deliveries(suite.fake, handle)).toBe(1);
  }, 90_000);
});
