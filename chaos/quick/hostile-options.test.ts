import { BUSY_MESSAGE, REFUSED_MESSAGE } from '@autoalex/ingress';
import { describe, expect, it } from 'vitest';
import { callbacksOf, latency } from '../support/observe.ts';
import { DISCORD_DEADLINE_MS, useChaosSuite } from '../support/suite.ts';

// Hostile option bytes (issue 15 item 4, ADR 0228) against the running suite: a NUL in a text
// option and options nested thousands deep, through the gateway and the HTTP endpoint. Each gets a
// clear answer within Discord's 3 s (never "something went wrong", never "busy"), and every
// process lives on to answer the next command. The HTTP body is 5,000 deep, built as bytes; the
// gateway's is 3,000 deep, as deep as the fake Discord's JSON.stringify can send.

const suite = useChaosSuite({ services: ['gateway', 'interactions', 'web'] });

/** `[[[…"x"…]]]`, `depth` arrays deep. */
function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const SOMETHING_WENT_WRONG = /went wrong/i;

describe('chaos: hostile options', () => {
  it('a NUL in a text option: a clear ephemeral error, not a fault', async () => {
    const handle = suite().slash('completion', [{ name: 'artist', type: 3, value: 'Miles\u0000Davis' }]);
    const callback = await handle.waitForCallback();
    expect(latency(handle, callback)).toBeLessThan(DISCORD_DEADLINE_MS);
    expect(callback.type).toBe(4);
    expect(callback.data?.flags).toBe(64);
    expect(String(callback.data?.content)).toMatch(/characters that cannot be used/);
    expect(String(callback.data?.content)).not.toMatch(SOMETHING_WENT_WRONG);
  });

  it('a NUL in autocomplete text: suggestions (none here), not a fault', async () => {
    const handle = suite().fake.injectInteraction({
      type: 4,
      data: {
        name: 'completion',
        type: 1,
        options: [{ name: 'artist', type: 3, value: 'Mi\u0000les', focused: true }],
      },
    });
    const callback = await handle.waitForCallback();
    expect(callback).toMatchObject({ type: 8, data: { choices: [] } });
    expect(latency(handle, callback)).toBeLessThan(DISCORD_DEADLINE_MS);
  });

  it('options nested 3,000 deep through the gateway: "cannot read this request" at once, never "busy"', async () => {
    const handle = suite().slash('completion', [{ name: 'artist', type: 3, value: nested(3000) }]);
    const callback = await handle.waitForCallback();
    expect(latency(handle, callback)).toBeLessThan(DISCORD_DEADLINE_MS);
    expect(callback).toMatchObject({ type: 4, data: { content: REFUSED_MESSAGE, flags: 64 } });
    expect(callback.data?.content).not.toBe(BUSY_MESSAGE);
  });

  it('options nested 5,000 deep through the HTTP endpoint: 400 with the reason', async () => {
    const id = '1300000000000000777';
    const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
    const options = `[{"name":"artist","type":3,"value":${deep}}]`;
    const body = `{"id":"${id}","application_id":"${suite().fake.applicationId}","type":2,"token":"tok","version":1,"data":{"id":"1","name":"completion","type":1,"options":${options}}}`;
    const sent = await suite().httpRaw(body);
    expect(sent.status).toBe(400);
    expect(sent.body).toEqual({ error: expect.stringMatching(/nested more than \d+ levels deep/) });
    expect(callbacksOf(suite().fake, { id })).toEqual([]);
  });

  it('every process is still up and answers the next command', async () => {
    const viaGateway = suite().slash('help');
    expect((await viaGateway.waitForCallback()).data?.content).toMatch(/^Available now/);
    const viaHttp = await suite().httpSlash('help');
    expect(viaHttp).toMatchObject({ status: 200, body: { type: 4 } });
    for (const name of ['gateway', 'interactions', 'web'] as const) {
      expect(suite().service(name).history).toHaveLength(1);
      expect(suite().service(name).process.child.exitCode).toBeNull();
    }
  });
});
