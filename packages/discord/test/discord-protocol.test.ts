import { once } from 'node:events';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DISCORD_NONCE_WINDOW_MS, type FakeDiscord, startFakeDiscord } from '../src/testing/index.ts';

// The fake's wire protocol, spoken by hand: gateway opcodes and close codes, zlib-stream, REST
// status codes and bodies. The discord.js end-to-end test is discord-fake.test.ts.

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 45_000 });
});

afterAll(async () => {
  await fake?.close();
});

interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** A hand-driven gateway client that queues every frame it receives. */
async function connect(query = 'v=10&encoding=json', target: FakeDiscord = fake) {
  const ws = new WebSocket(`${target.gatewayUrl}/?${query}`);
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  const zlib = query.includes('compress=zlib-stream');
  let compressed = Buffer.alloc(0);
  ws.on('message', (raw: Buffer, isBinary) => {
    if (zlib) {
      expect(isBinary).toBe(true);
      compressed = Buffer.concat([compressed, raw]);
      // Each payload ends with a Z_SYNC_FLUSH marker; the stream shares one zlib context.
      expect(raw.subarray(-4)).toEqual(Buffer.from([0, 0, 0xff, 0xff]));
      const text = inflateSync(compressed, { finishFlush: 2 }).toString('utf8');
      frames.length = 0;
      for (const part of splitJson(text)) frames.push(JSON.parse(part) as Frame);
    } else {
      frames.push(JSON.parse(raw.toString('utf8')) as Frame);
    }
    for (const w of waiters.splice(0)) w();
  });
  const closed = once(ws, 'close') as Promise<[number, Buffer]>;
  await once(ws, 'open');
  let read = 0;
  return {
    ws,
    closed,
    send: (payload: unknown) => ws.send(JSON.stringify(payload)),
    async next(): Promise<Frame> {
      while (frames.length <= read) await new Promise<void>((ok) => waiters.push(ok));
      return frames[read++]!;
    },
  };
}

/** Splits concatenated JSON documents (the inflated zlib-stream so far). */
function splitJson(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  return out;
}

describe('gateway', () => {
  it('says HELLO, acks heartbeats, and answers IDENTIFY with READY then GUILD_CREATE', async () => {
    const client = await connect();
    expect(await client.next()).toEqual({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null });
    client.send({ op: 1, d: null });
    expect((await client.next()).op).toBe(11);
    client.send({ op: 2, d: { token: fake.token, intents: 1 | 128, properties: {}, shard: [0, 1] } });
    const ready = await client.next();
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1 });
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: fake.botUser.id, bot: true },
      application: { id: fake.applicationId },
      guilds: [{ id: fake.guilds[0]!.id, unavailable: true }],
      resume_gateway_url: `${fake.gatewayUrl}/resume`,
    });
    const guild = await client.next();
    expect(guild).toMatchObject({ op: 0, t: 'GUILD_CREATE', s: 2, d: { id: fake.guilds[0]!.id, unavailable: false } });
    client.ws.close(1000);
    await client.closed;
  });

  it('speaks zlib-stream when asked', async () => {
    const client = await connect('v=10&encoding=json&compress=zlib-stream');
    expect((await client.next()).op).toBe(10);
    client.send({ op: 2, d: { token: fake.token, intents: 1, properties: {} } });
    expect(await client.next()).toMatchObject({ t: 'READY' });
    expect(await client.next()).toMatchObject({ t: 'GUILD_CREATE' });
    client.ws.close(1000);
    await client.closed;
  });

  it('closes with 4004 for a bad token, 4003 before IDENTIFY, 4012 for a wrong version', async () => {
    const bad = await connect();
    await bad.next();
    bad.send({ op: 2, d: { token: 'nope', intents: 1, properties: {} } });
    expect((await bad.closed)[0]).toBe(4004);

    const early = await connect();
    await early.next();
    early.send({ op: 4, d: { guild_id: '1', channel_id: null, self_mute: false, self_deaf: false } });
    expect((await early.closed)[0]).toBe(4003);

    const old = await connect('v=9&encoding=json');
    expect((await old.closed)[0]).toBe(4012);
  });

  it('answers RESUME of an unknown session with a non-resumable INVALID_SESSION', async () => {
    const client = await connect();
    await client.next();
    client.send({ op: 6, d: { token: fake.token, session_id: 'nope', seq: 3 } });
    expect(await client.next()).toMatchObject({ op: 9, d: false });
    client.ws.close(1000);
    await client.closed;
  });
});

describe('REST', () => {
  const api = () => `${fake.url}/api/v10`;
  const bot = () => ({ authorization: `Bot ${fake.token}`, 'content-type': 'application/json' });

  async function identifiedClient(target: FakeDiscord = fake) {
    const client = await connect(undefined, target);
    await client.next();
    client.send({ op: 2, d: { token: target.token, intents: 1, properties: {} } });
    await client.next();
    await client.next();
    return client;
  }

  it('answers 401 without a bot token, 404 for unknown routes, 405 for a wrong method', async () => {
    const noAuth = await fetch(`${api()}/gateway/bot`);
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    expect((await fetch(`${api()}/nothing/here`, { headers: bot() })).status).toBe(404);
    expect((await fetch(`${api()}/gateway/bot`, { method: 'DELETE', headers: bot() })).status).toBe(405);
    const gateway = await fetch(`${api()}/gateway/bot`, { headers: bot() });
    expect(await gateway.json()).toMatchObject({
      url: fake.gatewayUrl,
      shards: 1,
      session_start_limit: { max_concurrency: 1 },
    });
  });

  it('fills a deferred reply with the first follow-up and answers with_response callbacks with 200', async () => {
    const client = await identifiedClient();
    try {
      const handle = fake.injectInteraction({ data: { name: 'slow', type: 1 } });
      const deferred = await fetch(`${api()}/interactions/${handle.id}/${handle.token}/callback?with_response=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 5 }),
      });
      expect(deferred.status).toBe(200);
      const body = (await deferred.json()) as { interaction: Record<string, unknown>; resource: { type: number } };
      expect(body.interaction).toMatchObject({ id: handle.id, type: 2, response_message_loading: true });
      expect(body.resource.type).toBe(5);

      const followUp = await fetch(`${api()}/webhooks/${fake.applicationId}/${handle.token}?wait=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'finished' }),
      });
      expect(followUp.status).toBe(200);
      const message = (await followUp.json()) as { id: string; flags: number };
      expect(message.id).toBe(body.interaction.response_message_id);
      expect(message.flags & 128).toBe(0);

      const viaEncoded = await fetch(`${api()}/webhooks/${fake.applicationId}/${handle.token}/messages/%40original`);
      expect(await viaEncoded.json()).toMatchObject({ id: message.id, content: 'finished' });
      const deleted = await fetch(`${api()}/webhooks/${fake.applicationId}/${handle.token}/messages/@original`, {
        method: 'DELETE',
      });
      expect(deleted.status).toBe(204);
      expect(deleted.headers.get('content-type')).toBeNull();
      expect(handle.messages()).toEqual([]);
    } finally {
      client.ws.close(1000);
      await client.closed;
    }
  });

  it('validates the payload_json of a multipart upload and records the violation', async () => {
    const client = await identifiedClient();
    try {
      const handle = fake.injectInteraction({ data: { name: 'upload', type: 1 } });
      const form = new FormData();
      form.set(
        'payload_json',
        JSON.stringify({ type: 4, data: { content: 'x', embeds: [{ title: 't'.repeat(300) }] } }),
      );
      form.set('files[0]', new Blob([Buffer.from('abc')]), 'a.txt');
      const before = fake.violations.length;
      const res = await fetch(`${api()}/interactions/${handle.id}/${handle.token}/callback`, {
        method: 'POST',
        body: form,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        code: 50035,
        errors: { data: { embeds: { '0': { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } },
      });
      expect(fake.violations.slice(before)).toEqual([
        expect.objectContaining({ route: '/interactions/{interaction_id}/{interaction_token}/callback' }),
      ]);
    } finally {
      client.ws.close(1000);
      await client.closed;
    }
  });

  it('sends 429 with Discord headers and body when a test arms a global limit', async () => {
    const channelId = fake.guilds[0]!.channels[0]!.id;
    fake.armRateLimit(/^POST \/channels\/\d+\/messages$/, 1.5, { global: true });
    const limited = await fetch(`${api()}/channels/${channelId}/messages`, {
      method: 'POST',
      headers: bot(),
      body: JSON.stringify({ content: 'hi' }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1.5');
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
    expect(await limited.json()).toEqual({
      message: 'You are being rate limited.',
      retry_after: 1.5,
      global: true,
      code: 0,
    });
    const next = await fetch(`${api()}/channels/${channelId}/messages`, {
      method: 'POST',
      headers: bot(),
      body: JSON.stringify({ content: 'hi' }),
    });
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({ content: 'hi', channel_id: channelId, author: { id: fake.botUser.id } });
    const empty = await fetch(`${api()}/channels/${channelId}/messages`, {
      method: 'POST',
      headers: bot(),
      body: '{}',
    });
    expect(await empty.json()).toEqual({ message: 'Cannot send an empty message', code: 50006 });
    const unknown = await fetch(`${api()}/channels/1/messages`, {
      method: 'POST',
      headers: bot(),
      body: '{"content":"x"}',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Unknown Channel', code: 10003 });
  });

  it('honours enforce_nonce: a repeated nonce within the window returns the first message', async () => {
    let clock = Date.now();
    const timed = await startFakeDiscord({
      now: () => clock,
      guilds: [
        {
          channels: [
            { name: 'general', type: 0 },
            { name: 'alerts', type: 0 },
          ],
        },
      ],
    });
    const [first, second] = timed.guilds[0]!.channels;
    const post = async (channelId: string, body: object) => {
      const res = await fetch(`${timed.url}/api/v10/channels/${channelId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${timed.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { id: string; content: string; nonce?: string | number };
    };
    const count = () => timed.channelMessages(first!.id).length + timed.channelMessages(second!.id).length;
    try {
      const original = await post(first!.id, { content: 'Plex is down', nonce: 'a1-xyz', enforce_nonce: true });
      expect(original).toMatchObject({ content: 'Plex is down', nonce: 'a1-xyz' });
      const before = count();

      // The retry after a lost answer: the same message back, nothing new, even with other content
      // or in another channel (Discord checks the author's nonces, not the channel's).
      clock += DISCORD_NONCE_WINDOW_MS - 1;
      expect(await post(first!.id, { content: 'Plex is down', nonce: 'a1-xyz', enforce_nonce: true })).toEqual(
        original,
      );
      expect(await post(second!.id, { content: 'other', nonce: 'a1-xyz', enforce_nonce: true })).toEqual(original);
      expect(count()).toBe(before);

      // Without enforce_nonce a repeated nonce makes a new message; so does another nonce.
      const unenforced = await post(first!.id, { content: 'again', nonce: 'b2' });
      const twice = await post(first!.id, { content: 'again', nonce: 'b2' });
      expect(twice.id).not.toBe(unenforced.id);
      expect(twice.nonce).toBe('b2');
      const other = await post(first!.id, { content: 'x', nonce: 12345, enforce_nonce: true });
      expect(other).toMatchObject({ nonce: 12345 });
      expect(other.id).not.toBe(original.id);

      // Once the window has passed, or the message is deleted, the nonce is free again.
      clock += 2;
      const later = await post(first!.id, { content: 'Plex is down', nonce: 'a1-xyz', enforce_nonce: true });
      expect(later.id).not.toBe(original.id);
      const deleted = await fetch(`${timed.url}/api/v10/channels/${first!.id}/messages/${later.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bot ${timed.token}` },
      });
      expect(deleted.status).toBe(204);
      const after = await post(first!.id, { content: 'Plex is down', nonce: 'a1-xyz', enforce_nonce: true });
      expect([original.id, later.id]).not.toContain(after.id);
      expect(timed.violations).toEqual([]);
    } finally {
      await timed.close();
    }
  });

  it('refuses a callback type the interaction does not allow', async () => {
    const client = await identifiedClient();
    try {
      const handle = fake.injectInteraction({ data: { name: 'x', type: 1 } });
      const wrong = await fetch(`${api()}/interactions/${handle.id}/${handle.token}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 8, data: { choices: [] } }),
      });
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({
        code: 50035,
        errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } },
      });
    } finally {
      client.ws.close(1000);
      await client.closed;
    }
  });

  it('enforces the 3 s callback deadline and the 15 min token lifetime on its clock', async () => {
    let clock = Date.now();
    const timed = await startFakeDiscord({ now: () => clock });
    const client = await identifiedClient(timed);
    const callback = (id: string, token: string) =>
      fetch(`${timed.url}/api/v10/interactions/${id}/${token}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 5 }),
      });
    try {
      const late = timed.injectInteraction({ data: { name: 'late', type: 1 } });
      clock += 3_001;
      const refused = await callback(late.id, late.token);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({ message: 'Unknown interaction', code: 10062 });

      const deferred = timed.injectInteraction({ data: { name: 'slow', type: 1 } });
      expect((await callback(deferred.id, deferred.token)).status).toBe(204);
      clock += 15 * 60_000 + 1;
      const edit = await fetch(
        `${timed.url}/api/v10/webhooks/${timed.applicationId}/${deferred.token}/messages/@original`,
        {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'too late' }),
        },
      );
      expect(edit.status).toBe(401);
      expect(await edit.json()).toEqual({ message: 'Invalid Webhook Token', code: 50027 });
    } finally {
      client.ws.close(1000);
      await client.closed;
      await timed.close();
    }
  });
});
