import { describe, expect, it } from 'vitest';
import { callbacksOf, deliveries, eventually, shownTexts, sleep } from '../support/observe.ts';
import { boost, waitForShown } from '../support/scenarios.ts';
import { useChaosSuite } from '../support/suite.ts';

// Issue 15 item 1 (ADR 0229, 0230): the remix-worker is killed with SIGKILL twice in one remix, each
// time while it separates (two OOM kills on a small box). The queue allows three attempts, so the
// third run finishes: the user saw that the worker restarted and the remix resumes, then exactly
// one MP3; the remix_jobs row ends `succeeded` and delivered, and the user's active slot is free.

const suite = useChaosSuite({ services: ['gateway', 'interactions', 'remix-worker'], remix: { seconds: 20 } });

const SEPARATING = /separating/;
const RESUMING = /restart|resum/i;
const DONE = /^✅/;

describe('chaos: remix-worker killed twice in one remix', () => {
  it('resumes after each kill and delivers the MP3 once', { timeout: 150_000 }, async () => {
    const handle = boost(suite(), 'bass');
    expect((await handle.waitForCallback()).type).toBe(4);

    for (let kill = 1; kill <= 2; kill++) {
      await waitForShown(suite(), handle, SEPARATING, kill);
      await suite().kill('remix-worker');
      await suite().start('remix-worker');
      // Within seconds of the stall being noticed, the user reads that the worker restarted.
      await waitForShown(suite(), handle, RESUMING, kill);
    }

    const finals = await eventually(
      async () => {
        const done = shownTexts(suite().fake, handle).filter((t) => DONE.test(t));
        return done.length > 0 ? done : undefined;
      },
      'the final message',
      60_000,
    );
    await sleep(2000);
    expect(finals).toHaveLength(1);
    expect(deliveries(suite().fake, handle)).toBe(1);
    expect(callbacksOf(suite().fake, handle)).toHaveLength(1);

    const rows = await suite().sql<{ status: string; delivered: boolean }[]>`
      select status, delivered_at is not null as delivered from remix_jobs`;
    expect(rows).toEqual([{ status: 'succeeded', delivered: true }]);
  });

  it("the user's active slot is free: the next remix is accepted", async () => {
    const handle = boost(suite(), 'bass');
    const callback = await handle.waitForCallback();
    expect(String(callback.data?.content)).not.toMatch(/already have a remix running/);
    await waitForShown(suite(), handle, DONE);
    expect(deliveries(suite().fake, handle)).toBe(1);
  }, 90_000);
});
