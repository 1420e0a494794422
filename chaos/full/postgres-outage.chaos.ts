import type { InteractionHandle } from '@autoalex/discord/testing';
import { describe, expect, it } from 'vitest';
import { callbacksOf, deliveries, eventually, latency, shownTexts, sleep } from '../support/observe.ts';
import { boost, waitForShown } from '../support/scenarios.ts';
import { DISCORD_DEADLINE_MS, useChaosSuite } from '../support/suite.ts';

// npm run chaos: Postgres away for 30 s (the proxy in front of it cuts every connection and
// refuses new ones) while a remix separates. Interactions during the outage are answered within
// 3 s and end with a message, the suite's health says Postgres is down, no process dies; the remix
// ends with one final message and a final row, and a remix after the outage is delivered once.

const OUTAGE_MS = 30_000;

const suite = useChaosSuite({
  services: ['gateway', 'interactions', 'web', 'remix-worker'],
  remix: { seconds: 20 },
});

/** A final message: the MP3, or the remix given up (⚠️ only announces a retry). */
const FINAL = /^(✅|❌|🛑)/;

describe('chaos (full): Postgres down 30 s, during a remix', () => {
  let remix: InteractionHandle;

  it('during the outage: answers within 3 s that end in a message; /api/health names Postgres', {
    timeout: 120_000,
  }, async () => {
    remix = boost(suite(), 'vocals');
    expect((await remix.waitForCallback()).type).toBe(4);
    await waitForShown(suite(), remix, /separating/);

    suite().postgres.cut();
    const back = Date.now() + OUTAGE_MS;
    const during: InteractionHandle[] = [];
    while (Date.now() < back - 5000) {
      for (const handle of [
        suite().slash('help'),
        suite().slash('completion', [{ name: 'artist', type: 3, value: 'Miles' }]),
      ]) {
        const callback = await handle.waitForCallback();
        expect(latency(handle, callback)).toBeLessThan(DISCORD_DEADLINE_MS);
        during.push(handle);
      }
      await sleep(5000);
    }
    const health = await eventually(
      async () => {
        const { body } = await suite().apiHealth();
        const checks = (body.services as Record<string, { checks: Record<string, { status: string }> }>).interactions
          ?.checks;
        return checks?.postgres?.status === 'down' ? body : undefined;
      },
      'the interactions heartbeat to report Postgres down',
      15_000,
    );
    expect(health).toBeDefined();
    await sleep(Math.max(0, back - Date.now()));
    suite().postgres.restore();

    // Each one ended with something the user can read (an answer or a clear error), once.
    for (const handle of during) {
      const [message] = await handle.waitForMessages(1, { timeoutMs: 20_000 });
      expect(String(message?.content ?? '') + JSON.stringify(message?.embeds ?? [])).not.toBe('[]');
      expect(callbacksOf(suite().fake, handle)).toHaveLength(1);
    }
  });

  it('after the outage: the interrupted remix ends once, its row is final, and a new remix is delivered once', {
    timeout: 180_000,
  }, async () => {
    const finals = await eventually(
      async () => {
        const texts = shownTexts(suite().fake, remix).filter((t) => FINAL.test(t));
        return texts.length > 0 ? texts : undefined;
      },
      'the interrupted remix to end',
      120_000,
    );
    await sleep(20_000);
    expect(shownTexts(suite().fake, remix).filter((t) => FINAL.test(t))).toEqual([finals[0]]);
    expect(deliveries(suite().fake, remix)).toBe(finals[0]!.startsWith('✅') ? 1 : 0);
    const [row] = await suite().sql<{ status: string }[]>`select status from remix_jobs order by created_at limit 1`;
    expect(['succeeded', 'failed']).toContain(row?.status);

    const next = boost(suite(), 'bass');
    const callback = await next.waitForCallback();
    expect(String(callback.data?.content)).not.toMatch(/already have a remix running/);
    await waitForShown(suite(), next, /^✅/, 1, 90_000);
    expect(deliveries(suite().fake, next)).toBe(1);
    for (const name of ['gateway', 'interactions', 'web', 'remix-worker'] as const) {
      expect(suite().service(name).history, name).toHaveLength(1);
      expect(suite().service(name).process.child.exitCode, name).toBeNull();
    }
  });
});
