import type { InteractionHandle } from '@autoalex/discord/testing';
import { expect } from 'vitest';
import { eventually, latency, shownTexts } from './observe.ts';
import { type ChaosSuite, DISCORD_DEADLINE_MS } from './suite.ts';

// The situations several chaos cases start from, set up the same way each time.

/** `/boost track:So What stem:<stem>` through the gateway (the fake Plex serves the fixture's track). */
export function boost(suite: ChaosSuite, stem: string): InteractionHandle {
  return suite.slash('boost', [
    { name: 'track', type: 3, value: '5201' },
    { name: 'stem', type: 3, value: stem },
  ]);
}

/** Resolves once the user has been shown `count` texts that match (progress edits included). */
export function waitForShown(
  suite: ChaosSuite,
  handle: InteractionHandle,
  pattern: RegExp,
  count = 1,
  timeoutMs = 60_000,
): Promise<true> {
  return eventually(
    async () => (shownTexts(suite.fake, handle).filter((t) => pattern.test(t)).length >= count ? true : undefined),
    `${count} message(s) matching ${pattern}`,
    timeoutMs,
  );
}

/**
 * A `/usage` that is in the middle of its work: the fake Tautulli holds every answer, the
 * interactions service has deferred (in time) and is waiting on Tautulli. `tautulli.normal()`
 * lets it go on.
 */
export async function usageInFlight(suite: ChaosSuite): Promise<InteractionHandle> {
  const tautulli = suite.tautulli;
  if (!tautulli) throw new Error('chaos: usageInFlight needs the fake Tautulli ({ tautulli: true })');
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
  return handle;
}
