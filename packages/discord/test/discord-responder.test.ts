import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordResponder, createDiscordRest, type DiscordTarget, ResponderError } from '../src/index.ts';
import { type FakeDiscord, type InteractionHandle, startFakeDiscord } from '../src/testing/index.ts';

// The Discord responder against the fake Discord, which checks every body against Discord's OpenAPI
// description and enforces the 3-second callback and the 15-minute token (10062, 50027). The fake
// runs on a clock the tests move. A discord.js client holds the gateway session the fake needs to
// dispatch interactions; the responder itself only talks REST.

const MINUTE = 60_000;
let clock = Date.now();
let fake: FakeDiscord;
let client: Client;
const warnings: { fields: object; message: string }[] = [];
const logger = { warn: (fields: object, message: string) => warnings.push({ fields, message }) };

beforeAll(async () => {
  fake = await startFakeDiscord({ now: () => clock });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: fake.restOptions });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

afterEach(() => {
  const violations = fake.violations.splice(0);
  expect(violations, 'every body the responder sent is valid for Discord').toEqual([]);
  warnings.length = 0;
});

function command(name = 'status'): InteractionHandle {
  return fake.injectInteraction({ data: { name, type: 1 } });
}

function targetOf(handle: InteractionHandle, extra: Partial<DiscordTarget> = {}): DiscordTarget {
  return {
    applicationId: fake.applicationId,
    interactionToken: handle.token,
    channelId: handle.payload.channel_id as string,
    attachmentSizeLimit: handle.payload.attachment_size_limit as number,
    tokenExpiresAt: clock + 15 * MINUTE,
    ...extra,
  };
}

function responderFor(handle: InteractionHandle, options: { withBotToken?: boolean; interactionId?: boolean } = {}) {
  const rest = createDiscordRest({
    api: fake.restOptions.api,
    token: options.withBotToken === false ? undefined : fake.token,
  });
  return createDiscordResponder({
    rest,
    target: targetOf(handle),
    interactionId: options.interactionId === false ? undefined : handle.id,
    logger,
    now: () => clock,
  });
}

function requestsFor(handle: InteractionHandle) {
  return fake.requests.filter((r) => r.path.includes(handle.token) || r.path.includes(handle.id));
}

describe('Discord responder: initial responses and the interaction webhook', () => {
  it('replies (type 4) with no mentions allowed, ephemeral when asked', async () => {
    const handle = command();
    await responderFor(handle).reply({ content: 'all good', ephemeral: true });
    const callback = await handle.waitForCallback();
    expect(callback).toMatchObject({
      type: 4,
      data: { content: 'all good', flags: 64, allowed_mentions: { parse: [] } },
      withResponse: true,
    });
    expect(handle.messages()).toEqual([expect.objectContaining({ content: 'all good', flags: 64 })]);
  });

  it('defers, then fills the loading message with editOriginal, then follows up', async () => {
    const handle = command();
    const responder = responderFor(handle);
    await responder.defer({ ephemeral: false });
    expect((await handle.waitForCallback()).type).toBe(5);
    const edited = await responder.editOriginal({ content: 'done' });
    const followed = await responder.followUp({ content: 'one more thing', ephemeral: true });
    const messages = await handle.waitForMessages(2);
    expect(messages.map((m) => [m.content, (m.flags as number) ?? 0])).toEqual([
      ['done', 0],
      ['one more thing', 64],
    ]);
    expect(edited?.id).toBe(messages[0]!.id);
    expect(followed?.id).toBe(messages[1]!.id);
    expect(requestsFor(handle).every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('answers a component with update (type 7) and deferUpdate (type 6)', async () => {
    const first = fake.injectInteraction({ type: 3, data: { component_type: 2, custom_id: 'status:abc' } });
    await responderFor(first).update({ content: 'refreshed' });
    expect(await first.waitForCallback()).toMatchObject({ type: 7, data: { content: 'refreshed' } });

    const second = fake.injectInteraction({ type: 3, data: { component_type: 2, custom_id: 'status:abc' } });
    await responderFor(second).deferUpdate();
    expect((await second.waitForCallback()).type).toBe(6);
  });

  it('sends autocomplete choices (type 8) within Discord limits and opens a modal (type 9)', async () => {
    const auto = fake.injectInteraction({
      type: 4,
      data: { name: 'help', type: 1, options: [{ name: 'command', type: 3, value: 'st', focused: true }] },
    });
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `choice ${i} ${'x'.repeat(120)}`, value: `v${i}` }));
    await responderFor(auto).autocomplete(many);
    const callback = await auto.waitForCallback();
    const choices = (callback.data?.choices ?? []) as { name: string }[];
    expect(callback.type).toBe(8);
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.length <= 100)).toBe(true);

    const modal = command('generate');
    await responderFor(modal).modal({
      custom_id: 'confirm:abc',
      title: 'Lyrics',
      components: [
        {
          type: 1,
          components: [{ type: 4, custom_id: 'lyrics', label: 'Lyrics', style: 2 }],
        },
      ],
    });
    expect((await modal.waitForCallback()).type).toBe(9);
  });

  it('uploads attachments as multipart payload_json + files[n]', async () => {
    const handle = command();
    const responder = responderFor(handle);
    const bytes = new Uint8Array(Buffer.from('ID3 not really an mp3'));
    await responder.reply({
      content: 'your remix',
      files: [{ name: 'remix.mp3', data: bytes, contentType: 'audio/mpeg', description: 'vocals removed' }],
    });
    const callback = await handle.waitForCallback();
    expect(callback.files.map((f) => [f.field, f.filename, f.size])).toEqual([['files[0]', 'remix.mp3', bytes.length]]);
    expect(callback.data).toMatchObject({
      attachments: [{ id: '0', filename: 'remix.mp3', description: 'vocals removed' }],
    });
    const request = requestsFor(handle).find((r) => r.route?.endsWith('/callback'));
    expect(String(request?.headers['content-type'])).toMatch(/^multipart\/form-data/);

    await responder.followUp({ files: [{ name: 'stems.txt', data: new Uint8Array(Buffer.from('a,b')) }] });
    const [original, followUp] = await handle.waitForMessages(2);
    const uploaded = [original, followUp].map((m) => ((m!.attachments as { id: string }[]) ?? [])[0]!);
    expect(fake.attachment(uploaded[0]!.id)?.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(fake.attachment(uploaded[1]!.id)?.bytes.toString()).toBe('a,b');
  });

  it('refuses a file over the attachment size limit before sending anything', async () => {
    const handle = command();
    const limit = handle.payload.attachment_size_limit as number;
    const big = new Uint8Array(limit);
    const attempt = responderFor(handle).reply({ files: [{ name: 'huge.wav', data: big }] });
    await expect(attempt).rejects.toThrow(ResponderError);
    await expect(attempt).rejects.toThrow(/huge\.wav is .* MB; Discord accepts at most/);
    expect(requestsFor(handle)).toEqual([]);
  });

  it('cannot send an initial response without the interaction id (a worker responder), or twice', async () => {
    const handle = command();
    await expect(responderFor(handle, { interactionId: false }).reply({ content: 'x' })).rejects.toMatchObject({
      reason: 'no-interaction',
    });
    const responder = responderFor(handle);
    await responder.defer();
    await expect(responder.reply({ content: 'again' })).rejects.toMatchObject({ reason: 'already-responded' });
  });
});

describe('Discord responder: after the 15-minute token', () => {
  it('falls back to bot messages in the channel once the token has expired by the clock', async () => {
    const handle = command();
    const responder = responderFor(handle);
    await responder.defer();
    clock += 15 * MINUTE;
    try {
      const posted = await responder.editOriginal({ content: 'finished after the token' });
      const again = await responder.editOriginal({ content: 'finished (edited)' });
      const extra = await responder.followUp({ content: 'and a follow-up' });
      expect(again?.id).toBe(posted?.id);
      const channel = fake.channelMessages(handle.payload.channel_id as string);
      expect(channel.find((m) => m.id === posted?.id)).toMatchObject({ content: 'finished (edited)' });
      expect(channel.find((m) => m.id === extra?.id)).toMatchObject({ content: 'and a follow-up' });
      const fallback = fake.requests.filter((r) => r.route?.startsWith('/channels/'));
      expect(fallback.at(-1)?.headers.authorization).toBe(`Bot ${fake.token}`);
      // Nothing went to the dead webhook.
      expect(requestsFor(handle).filter((r) => r.route?.startsWith('/webhooks/'))).toEqual([]);
    } finally {
      clock -= 15 * MINUTE;
    }
  });

  it('edits the original response through the channel when its id is known', async () => {
    const handle = command();
    const responder = responderFor(handle);
    await responder.reply({ content: 'working on it' });
    const [original] = await handle.waitForMessages(1);
    fake.expireToken(handle.token);
    await responder.editOriginal({ content: 'all done' });
    const channel = fake.channelMessages(handle.payload.channel_id as string);
    expect(channel.find((m) => m.id === original!.id)).toMatchObject({ content: 'all done' });
    // Discord said 50027 first: the responder tried the webhook, then the channel.
    const routes = fake.requests.slice(-2).map((r) => [r.method, r.route, r.status]);
    expect(routes).toEqual([
      ['PATCH', '/webhooks/{webhook_id}/{webhook_token}/messages/@original', 401],
      ['PATCH', '/channels/{channel_id}/messages/{message_id}', 200],
    ]);
  });

  it('posts a follow-up in the channel when Discord answers 50027 (Invalid Webhook Token)', async () => {
    const handle = command();
    const responder = responderFor(handle);
    await responder.defer();
    fake.expireToken(handle.token);
    const sent = await responder.followUp({ content: 'late news' });
    expect(fake.channelMessages(handle.payload.channel_id as string).find((m) => m.id === sent?.id)).toMatchObject({
      content: 'late news',
    });
  });

  it('posts the reply in the channel when the callback comes too late (10062 Unknown interaction)', async () => {
    const handle = command();
    clock += 4_000;
    try {
      await responderFor(handle).reply({ content: 'slow answer' });
    } finally {
      clock -= 4_000;
    }
    expect(fake.requests.slice(-2).map((r) => [r.route, r.status])).toEqual([
      ['/interactions/{interaction_id}/{interaction_token}/callback', 404],
      ['/channels/{channel_id}/messages', 200],
    ]);
    expect(fake.channelMessages(handle.payload.channel_id as string).at(-1)).toMatchObject({ content: 'slow answer' });
  });

  it('never makes an ephemeral answer public: it is skipped with a warning', async () => {
    const handle = command();
    const responder = responderFor(handle);
    await responder.defer({ ephemeral: true });
    fake.expireToken(handle.token);
    const before = fake.channelMessages(handle.payload.channel_id as string).length;
    expect(await responder.editOriginal({ content: 'private details' })).toBeUndefined();
    expect(await responder.followUp({ content: 'more private', ephemeral: true })).toBeUndefined();
    expect(fake.channelMessages(handle.payload.channel_id as string)).toHaveLength(before);
    expect(warnings.map((w) => w.message)).toEqual([
      'not posting an ephemeral answer in the channel after the interaction token',
      'not posting an ephemeral answer in the channel after the interaction token',
    ]);
  });

  it('says clearly when there is no bot token for the fallback, without leaking the interaction token', async () => {
    const handle = command();
    const responder = responderFor(handle, { withBotToken: false });
    await responder.defer();
    fake.expireToken(handle.token);
    const failure = await responder.editOriginal({ content: 'x' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ResponderError);
    expect(failure).toMatchObject({ reason: 'cannot-fall-back' });
    expect(String((failure as Error).message)).toMatch(/50027.*the channel message failed too/);
    expect(String((failure as Error).message)).not.toContain(handle.token);
  });
});
