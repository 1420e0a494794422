import { describe, expect, it } from 'vitest';
import { callbacksOf, latency, shownTexts, sleep, texts } from '../support/observe.ts';
import { usageInFlight } from '../support/scenarios.ts';
import { DISCORD_DEADLINE_MS, useChaosSuite } from '../support/suite.ts';

// kill -9 of the interactions service in the middle of an interaction (issue 15, ADR 0230): /usage
// has deferred and waits on Tautulli when the process dies. The user must end with exactly one
// answer — the activity or a clear message — never a second initial response, never "thinking…"
// for ever; and the restarted service answers the next command as usual.

const suite = useChaosSuite({ services: ['gateway', 'interactions'], tautulli: true });

describe('chaos: interactions killed mid-interaction', () => {
  it('the interrupted /usage ends with one final answer; the next command is answered as usual', {
    timeout: 90_000,
  }, async () => {
    const handle = await usageInFlight(suite());
    await suite().kill('interactions');
    await suite().tautulli!.normal();
    await suite().start('interactions');

    const next = suite().slash('help');
    const answer = await next.waitForCallback();
    expect(answer.data?.content).toMatch(/^Available now/);
    expect(latency(next, answer)).toBeLessThan(DISCORD_DEADLINE_MS);

    // The interrupted one: its lock lapses (about 15 s), the job is given up or run again, and the
    // deferral is filled once.
    const [final] = await handle.waitForMessages(1, { timeoutMs: 45_000 });
    expect(String(final?.content ?? '')).not.toBe('');
    await sleep(2000);
    expect(callbacksOf(suite().fake, handle)).toHaveLength(1);
    expect(texts(handle)).toHaveLength(1);
    expect(shownTexts(suite().fake, handle).length).toBeGreaterThanOrEqual(1);
  });
});
