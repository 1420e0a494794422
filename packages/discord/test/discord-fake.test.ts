import { once } from 'node:events';
import {
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  RESTEvents,
  type TextChannel,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../src/testing/index.ts';

// End to end: the real discord.js 14 client logs in against the fake Discord and answers
// interactions the fake injects; the fake checks every body against Discord's OpenAPI spec.

let fake: FakeDiscord;
let client: Client;

beforeAll(async () => {
  fake = await startFakeDiscord();
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
    rest: fake.restOptions,
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

/** Runs `fn` on the next chat input interaction the client receives; settles with its outcome. */
function onNextCommand<T>(fn: (i: ChatInputCommandInteraction) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) {
        reject(new Error(`expected a chat input command, got type ${interaction.type}`));
        return;
      }
      fn(interaction).then(resolve, reject);
    });
  });
}

function callbackPath(id: string, token: string): string {
  return `/api/v10/interactions/${id}/${token}/callback`;
}

describe('fake Discord with the real discord.js client', () => {
  it('identifies over the gateway and gets READY plus its guild', () => {
    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = fake.guilds[0]!;
    expect(client.guilds.cache.get(guild.id)?.name).toBe(guild.name);
    const identify = fake.gatewaySends.filter((s) => s.op === 2);
    expect(identify).toHaveLength(1);
    expect(identify[0]!.d).toMatchObject({
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildVoiceStates,
      shard: [0, 1],
    });
    expect(fake.requests.some((r) => r.route === '/gateway/bot' && r.status === 200)).toBe(true);
  });

  it('delivers an injected slash command and records a valid reply callback', async () => {
    const answered = onNextCommand(async (i) => {
      expect(i.commandName).toBe('ping');
      expect(i.guildId).toBe(fake.guilds[0]!.id);
      expect(i.attachmentSizeLimit).toBe(20 * 1024 * 1024);
      await i.reply({ content: 'pong' });
    });
    const handle = fake.injectInteraction({ data: { name: 'ping', type: 1 } });
    await answered;
    const callback = await handle.waitForCallback();
    expect(callback).toMatchObject({ type: 4, data: { content: 'pong' }, withResponse: false });
    expect(handle.messages()).toEqual([expect.objectContaining({ content: 'pong', type: 20 })]);
    const request = fake.requests.find((r) => r.path === callbackPath(handle.id, handle.token));
    expect(request?.status).toBe(204);
    expect(fake.violations).toEqual([]);
  });

  it('supports deferReply then editReply through PATCH @original', async () => {
    const done = onNextCommand(async (i) => {
      await i.deferReply({ flags: 64 });
      return i.editReply({ content: 'done' });
    });
    const handle = fake.injectInteraction({ data: { name: 'slow', type: 1 } });
    const edited = await done;
    expect(edited.content).toBe('done');
    expect((await handle.waitForCallback()).type).toBe(5);
    const [message] = handle.messages();
    expect(message).toMatchObject({ content: 'done', flags: 64 });
    const patch = fake.requests.find((r) => r.method === 'PATCH' && r.path.includes(handle.token));
    expect(patch?.route).toBe('/webhooks/{webhook_id}/{webhook_token}/messages/@original');
    expect(patch?.status).toBe(200);
    expect(fake.violations).toEqual([]);
  });

  it('answers 10062 for an expired token and discord.js surfaces the DiscordAPIError', async () => {
    const outcome = onNextCommand(async (i) => {
      fake.expireToken(i.token);
      return i.reply({ content: 'too late' });
    });
    const handle = fake.injectInteraction({ data: { name: 'late', type: 1 } });
    const error = await outcome.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 10062, status: 404, message: 'Unknown interaction' });
    expect(handle.messages()).toEqual([]);
  });

  it('answers a second callback with 40060 and a late webhook edit with 50027', async () => {
    const outcome = onNextCommand(async (i) => {
      await i.reply({ content: 'first' });
      const again = await fetch(`${fake.url}${callbackPath(i.id, i.token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 4, data: { content: 'second' } }),
      });
      fake.expireToken(i.token);
      const edit = await i.editReply({ content: 'edited' }).catch((e: unknown) => e);
      return { again: { status: again.status, body: await again.json() }, edit };
    });
    fake.injectInteraction({ data: { name: 'twice', type: 1 } });
    const { again, edit } = await outcome;
    expect(again).toEqual({
      status: 400,
      body: { code: 40060, message: 'Interaction has already been acknowledged.' },
    });
    expect(edit).toBeInstanceOf(DiscordAPIError);
    expect(edit).toMatchObject({ code: 50027, status: 401 });
  });

  it('answers an invalid body with 50035, records the violation, and still accepts a valid callback', async () => {
    const handle = fake.injectInteraction({ data: { name: 'raw', type: 1 } });
    const url = `${fake.url}${callbackPath(handle.id, handle.token)}`;
    const bad = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'x'.repeat(2001) } }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
      },
    });
    expect(fake.violations).toHaveLength(1);
    expect(fake.violations[0]).toMatchObject({
      operationId: 'create_interaction_response',
      issues: [{ path: 'data.content', code: 'BASE_TYPE_MAX_LENGTH' }],
    });

    const good = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'ok' } }),
    });
    expect(good.status).toBe(204);
    expect(good.headers.get('content-type')).toBeNull();
    expect(await good.text()).toBe('');
    fake.violations.length = 0;
  });

  it('makes discord.js wait and retry on an armed 429 (interaction and channel routes)', async () => {
    const debug: string[] = [];
    const listener = (message: string) => debug.push(message);
    client.rest.on(RESTEvents.Debug, listener);
    try {
      fake.armRateLimit('POST /interactions/{interaction_id}/{interaction_token}/callback', 0.2);
      const replied = onNextCommand((i) => i.reply({ content: 'after the limit' }));
      const handle = fake.injectInteraction({ data: { name: 'limited', type: 1 } });
      await replied;
      const statuses = fake.requests
        .filter((r) => r.path === callbackPath(handle.id, handle.token))
        .map((r) => r.status);
      expect(statuses).toEqual([429, 204]);

      const channelId = fake.guilds[0]!.channels.find((c) => c.type === 0)!.id;
      fake.armRateLimit('POST /channels/{channel_id}/messages', 0.2);
      const channel = (await client.channels.fetch(channelId)) as TextChannel;
      const sent = await channel.send({ content: 'hello' });
      expect(sent.content).toBe('hello');
      const channelStatuses = fake.requests
        .filter((r) => r.route === '/channels/{channel_id}/messages' && r.method === 'POST')
        .map((r) => r.status);
      expect(channelStatuses).toEqual([429, 200]);

      // discord.js read Retry-After (0.2 s) from both 429s before retrying.
      const seen = debug.filter((m) => m.includes('Encountered unexpected 429 rate limit'));
      expect(seen).toHaveLength(2);
      for (const m of seen) expect(Number(/Retry After\s*: (\d+)ms/.exec(m)?.[1])).toBeGreaterThanOrEqual(200);
    } finally {
      client.rest.off(RESTEvents.Debug, listener);
    }
  });

  it('rejects uploads above the attachment limit with 413/40005 and keeps smaller ones', async () => {
    fake.setAttachmentLimit(1024);
    try {
      const tooBig = onNextCommand((i) => {
        expect(i.attachmentSizeLimit).toBe(1024);
        return i.reply({ files: [{ attachment: Buffer.alloc(2048, 1), name: 'big.bin' }] });
      });
      fake.injectInteraction({ data: { name: 'upload', type: 1 } });
      const error = await tooBig.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error).toMatchObject({ code: 40005, status: 413 });

      const small = onNextCommand((i) =>
        i.reply({ content: 'here', files: [{ attachment: Buffer.from('ID3 fake mp3'), name: 'song.mp3' }] }),
      );
      const handle = fake.injectInteraction({ data: { name: 'upload', type: 1 } });
      await small;
      const callback = await handle.waitForCallback();
      expect(callback.files).toEqual([expect.objectContaining({ field: 'files[0]', filename: 'song.mp3', size: 12 })]);
      const [message] = handle.messages();
      const attachment = (message!.attachments as { url: string; filename: string }[])[0]!;
      expect(attachment.filename).toBe('song.mp3');
      expect(await (await fetch(attachment.url)).text()).toBe('ID3 fake mp3');
      expect(fake.violations).toEqual([]);
    } finally {
      fake.setAttachmentLimit(20 * 1024 * 1024);
    }
  });

  it('registers commands with PUT and uses their ids in injected interactions', async () => {
    const registered = await client.application!.commands.set([
      {
        name: 'play',
        description: 'Play a track',
        options: [{ type: 3, name: 'query', description: 'What', required: true }],
      },
    ]);
    expect(fake.violations).toEqual([]);
    const play = registered.find((c) => c.name === 'play')!;
    expect(fake.commands()).toEqual([expect.objectContaining({ id: play.id, name: 'play' })]);

    const seen = onNextCommand(async (i) => ({ id: i.commandId, query: i.options.getString('query') }));
    fake.injectInteraction({
      data: { name: 'play', type: 1, options: [{ type: 3, name: 'query', value: 'So What' }] },
    });
    expect(await seen).toEqual({ id: play.id, query: 'So What' });
  });

  it('handles a button update and an autocomplete response from discord.js', async () => {
    const updated = new Promise<void>((resolve, reject) => {
      client.once(Events.InteractionCreate, (i) => {
        if (!i.isButton()) return reject(new Error('expected a button'));
        expect(i.customId).toBe('queue:skip');
        i.update({ content: 'Skipped' }).then(() => resolve(), reject);
      });
    });
    const button = fake.injectInteraction({ type: 3, data: { component_type: 2, custom_id: 'queue:skip' } });
    await updated;
    expect((await button.waitForCallback()).type).toBe(7);
    const sourceId = (button.payload.message as { id: string }).id;
    expect(fake.channelMessages(button.payload.channel_id as string)).toContainEqual(
      expect.objectContaining({ id: sourceId, content: 'Skipped' }),
    );

    const responded = new Promise<void>((resolve, reject) => {
      client.once(Events.InteractionCreate, (i) => {
        if (!i.isAutocomplete()) return reject(new Error('expected autocomplete'));
        expect(i.options.getFocused()).toBe('so');
        i.respond([{ name: 'So What', value: 'so-what' }]).then(() => resolve(), reject);
      });
    });
    const auto = fake.injectInteraction({
      type: 4,
      data: { name: 'play', type: 1, options: [{ type: 3, name: 'query', value: 'so', focused: true }] },
    });
    await responded;
    expect(await auto.waitForCallback()).toMatchObject({
      type: 8,
      data: { choices: [{ name: 'So What', value: 'so-what' }] },
    });
    expect(fake.violations).toEqual([]);
  });

  it('records op 4 voice state updates and answers with voice dispatches', async () => {
    const guild = fake.guilds[0]!;
    const voiceChannel = guild.channels.find((c) => c.type === 2)!;
    const serverUpdate = new Promise<{ t: string; d: { guild_id: string; endpoint: string } }>((resolve) => {
      const onRaw = (packet: { t: string; d: { guild_id: string; endpoint: string } }) => {
        if (packet.t !== 'VOICE_SERVER_UPDATE') return;
        client.off(Events.Raw, onRaw);
        resolve(packet);
      };
      client.on(Events.Raw, onRaw);
    });
    client.guilds.cache.get(guild.id)!.shard.send({
      op: 4,
      d: { guild_id: guild.id, channel_id: voiceChannel.id, self_mute: false, self_deaf: true },
    });
    const stateUpdate = new Promise<{ d: { session_id: string; user_id: string } }>((resolve) => {
      const onRaw = (packet: { t: string; d: { session_id: string; user_id: string } }) => {
        if (packet.t !== 'VOICE_STATE_UPDATE' || packet.d.user_id !== fake.botUser.id) return;
        client.off(Events.Raw, onRaw);
        resolve(packet);
      };
      client.on(Events.Raw, onRaw);
    });
    const send = await fake.waitForGatewaySend(4);
    expect((await stateUpdate).d.session_id).toBe(fake.gatewaySessionId);
    expect(send.d).toMatchObject({ guild_id: guild.id, channel_id: voiceChannel.id, self_deaf: true });
    expect((await serverUpdate).d).toMatchObject({ guild_id: guild.id, endpoint: 'voice.fake-discord.test:443' });

    const joined = once(client, Events.VoiceStateUpdate);
    const member = guild.members[0]!;
    fake.injectVoiceState({ user_id: member.id, channel_id: voiceChannel.id });
    const [, after] = (await joined) as [unknown, { id: string; channelId: string | null }];
    expect(after).toMatchObject({ id: member.id, channelId: voiceChannel.id });
  });

  it('resumes after a forced disconnect and replays what the client missed', async () => {
    const sessionId = fake.gatewaySessionId;
    const resumed = once(client, Events.ShardResume);
    await fake.disconnectClient();
    expect(fake.gatewayConnected).toBe(false);

    // Dispatched while the client is away: it must arrive through RESUME's replay.
    const answered = onNextCommand((i) => i.reply({ content: 'after resume' }));
    const handle = fake.injectInteraction({ data: { name: 'missed', type: 1 } });
    const resume = await fake.waitForGatewaySend(6);
    await resumed;
    expect(resume.d).toMatchObject({ session_id: sessionId, seq: expect.any(Number) });
    expect((await handle.waitForCallback()).data).toMatchObject({ content: 'after resume' });
    await answered;
    expect(fake.gatewaySends.filter((s) => s.op === 2)).toHaveLength(1);
  });
});
