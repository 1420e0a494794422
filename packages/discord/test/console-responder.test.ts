import { randomUUID } from 'node:crypto';
import { consoleStreamKey, createMeta } from '@autoalex/contracts';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleEntry, createConsoleResponder, createResponder, readConsoleEntry } from '../src/index.ts';

// The console responder against real Redis: each call is one entry on the session's stream, the
// body Discord would have got, then the final marker.

const prefix = testQueuePrefix();
let redis: Redis;

beforeAll(() => {
  redis = new Redis(testRedisUrl());
});
afterAll(async () => {
  await redis?.quit();
});

function session() {
  const sessionId = randomUUID();
  const target = { kind: 'console' as const, sessionId, interactionId: '1300000000000000001' };
  const meta = createMeta({ requestedBy: '1300000000000000002' });
  return { sessionId, target, meta, key: consoleStreamKey(prefix, sessionId) };
}

async function entries(key: string): Promise<ConsoleEntry[]> {
  const list = await redis.xrange(key, '-', '+');
  return list.map(([, fields]) => readConsoleEntry(fields));
}

describe('console responder', () => {
  it('writes the initial response, edits and follow-ups as console messages, then the final marker', async () => {
    const { target, meta, key } = session();
    const responder = createResponder(target, { redis, queuePrefix: prefix, meta });
    expect(responder.kind).toBe('console');
    await responder.defer({ ephemeral: true });
    await responder.editOriginal({ content: 'half way' });
    await responder.followUp({
      content: 'here it is',
      files: [
        { name: 'remix.mp3', data: new Uint8Array(3), storageKey: 'remix/abc/remix.mp3' },
        { name: 'notes.txt', data: new Uint8Array(5) },
      ],
    });
    await responder.complete('ok');
    await responder.complete('error'); // idempotent: one marker

    const read = await entries(key);
    expect(read.map((e) => e.type)).toEqual(['message', 'message', 'message', 'final']);
    const [deferred, edit, followUp, final] = read;
    expect(deferred).toMatchObject({
      message: { kind: 'callback', body: { type: 5, data: { flags: 64 } }, interactionId: target.interactionId, meta },
    });
    expect(edit).toMatchObject({ message: { kind: 'edit', body: { content: 'half way' } } });
    expect(followUp).toMatchObject({
      message: {
        kind: 'followup',
        body: {
          content: 'here it is',
          attachments: [
            { id: '0', filename: 'remix.mp3', size: 3 },
            { id: '1', filename: 'notes.txt', size: 5 },
          ],
        },
        files: [{ storageKey: 'remix/abc/remix.mp3', filename: 'remix.mp3' }],
      },
    });
    expect(final).toEqual({ type: 'final', final: { interactionId: target.interactionId, outcome: 'ok' } });
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
  });

  it('writes replies, autocomplete choices and modals as the callback bodies Discord would get', async () => {
    const { target, meta, key } = session();
    const reply = createConsoleResponder({ redis, queuePrefix: prefix, target, meta });
    await reply.reply({ content: 'hi', ephemeral: true, embeds: [{ title: 'Status' }] });
    await expect(reply.reply({ content: 'again' })).rejects.toMatchObject({ reason: 'already-responded' });
    const auto = createConsoleResponder({ redis, queuePrefix: prefix, target, meta });
    await auto.autocomplete([{ name: 'status', value: 'status' }]);
    const modal = createConsoleResponder({ redis, queuePrefix: prefix, target, meta });
    await modal.modal({ custom_id: 'confirm:x', title: 'Sure?', components: [] });

    const bodies = (await entries(key)).map((e) => (e.type === 'message' ? e.message.body : undefined));
    expect(bodies).toEqual([
      { type: 4, data: { content: 'hi', embeds: [{ title: 'Status' }], allowed_mentions: { parse: [] }, flags: 64 } },
      { type: 8, data: { choices: [{ name: 'status', value: 'status' }] } },
      { type: 9, data: { custom_id: 'confirm:x', title: 'Sure?', components: [] } },
    ]);
  });

  it('reads garbage entries as invalid instead of throwing', () => {
    expect(readConsoleEntry(['data', '{not json'])).toMatchObject({ type: 'invalid' });
    expect(readConsoleEntry(['data', '{"kind":"nope"}'])).toMatchObject({ type: 'invalid' });
    expect(readConsoleEntry(['final', '{"interactionId":"1"}'])).toMatchObject({ type: 'invalid' });
    expect(readConsoleEntry(['other', 'x'])).toMatchObject({ type: 'invalid' });
    expect(readConsoleEntry([])).toMatchObject({ type: 'invalid' });
  });

  it('needs redis and a prefix for a console target, and a REST client for a discord target', () => {
    const { target, meta } = session();
    expect(() => createResponder(target, { meta })).toThrow(/needs redis and queuePrefix/);
    expect(() =>
      createResponder(
        {
          kind: 'discord',
          applicationId: '1300000000000000003',
          interactionToken: 'token',
          channelId: '1300000000000000004',
          attachmentSizeLimit: 1024,
          tokenExpiresAt: Date.now() + 60_000,
        },
        { meta },
      ),
    ).toThrow(/needs a REST client/);
  });
});
