import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callbacksOf, eventually, latency, shownTexts, sleep, texts } from '../support/observe.ts';
import { type ChaosSuite, DISCORD_DEADLINE_MS, startChaosSuite } from '../support/suite.ts';

// kill -9 of the interactions service in the middle of an interaction (issue 15, ADR 0230): /usage
// has deferred and waits on Tautulli when the process dies. The user must end with exactly one
// answer — the activity or a clear message — never a second initial response, never "thinking…"
// for ever; and the restarted service answers the next command as usual.

let suite: ChaosSuite;

beforeAll(async () => {
  suite = await startChaosSuite({ services: ['gateway', 'interactions'], tautulli: true });
});
afterAll(async () => {
  await suite?.close();
});
afterEach(() => {
  expect(suite.fake.violations, 'every body the suite sent is valid for Discord').toEqual([]);
});

describe('chaos: interactions killed mid-interaction', () => {
  it('the interrupted /usage ends with one final answer; the next command is answered as usual', {
    timeout: 90_000,
  }, async () => {
    const tautulli = suite.tautulli!;
    const before = tautulli.requests.length;
    tautulli.hang();
    const handle = suite.slash('usage');
    const deferral = await handle.waitForCallback();
    expect(deferral.type).toBe(5);
    expect(latency(handle, deferral)).toBeLessThan(DISCORD_DEADLINE_MS);
    await eventually(
      async () => (tautulli.requests.slice(before).some((r) => r.query.get('cmd') === 'get_activity') ? true : undefined),
      'the /usage call to Tautulli',
    );

    await suite.kill('interactions');
    await tautulli.normal();
    await suite.start('interactions');

    const next = suite.slash('help');
    const answer = await next.waitForCallback();
    expect(answer.data?.content).toMatch(/^Available now/);
    expect(latency(next, answer)).toBeLessThan(DISCORD_DEADLINE_MS);

    // The interrupted one: its lock lapses (about 15 s), the job is given up or run again, and the
    // deferral is filled once.
    const [final] = await handle.waitForMessages(1, { timeoutMs: 45_000 });
    expect(String(final?.content ?? '')).not.toBe('');
    await sleep(2000);
    expect(callbacksOf(suite.fake, handle)).toHaveLength(1);
    expect(texts(handle)).toHaveLength(1);
    expect(shownTexts(suite.fake, handle).length).toBeGreaterThanOrEqual(1);
  });
});
