import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../respond/token.ts';
import type { FakeDiscord, FakeDiscordOptions, InjectOptions, InteractionHandle, WaitOptions } from './api.ts';
import { createGateway } from './gateway.ts';
import { buildGuild, upsertVoiceState } from './guilds.ts';
import { generateInteractionKeys, signedInteractionHeaders } from './http-interactions.ts';
import { createMessage, liveMessage } from './message-store.ts';
import { bucketHash, routeMatcher } from './rate-limits.ts';
import { handleRest } from './rest-routes.ts';
import {
  createSnowflakes,
  type FakeChannel,
  type FakeUser,
  guildCreateObject,
  interactionObject,
  interactionToken,
  type JsonObject,
  memberObject,
  userObject,
} from './shapes.ts';
import { sharedSpecValidator } from './spec-validator.ts';
import type { FakeDiscordState, InteractionRecord, StoredMessage } from './state.ts';

/**
 * A fake Discord that the real discord.js client talks to: REST under `/api/v10` and the gateway
 * WebSocket on the same port. Point discord.js at it with `new Client({ rest: fake.restOptions })`.
 */

const DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024;

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const now = options.now ?? Date.now;
  const snowflakes = createSnowflakes();
  const applicationId = options.applicationId ?? snowflakes.next(now() - 86_400_000);
  const bot: FakeUser = {
    id: applicationId,
    username: options.botUsername ?? 'autoalex',
    global_name: null,
    bot: true,
  };
  const token =
    options.token ??
    `${Buffer.from(applicationId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(28).toString('base64url')}`;
  const guilds = (options.guilds ?? [{}]).map((g, i) => buildGuild(g, i, snowflakes.next.bind(snowflakes), now));
  const defaultUser: FakeUser = guilds[0]?.members[0] ?? {
    id: snowflakes.next(now()),
    username: 'listener',
    global_name: 'Listener',
  };

  const state: FakeDiscordState = {
    token,
    applicationId,
    bot,
    guilds,
    snowflakes,
    now,
    baseUrl: '',
    attachmentSizeLimit: options.attachmentSizeLimit ?? DEFAULT_UPLOAD_LIMIT,
    callbackDeadlineMs: options.callbackDeadlineMs ?? 3_000,
    tokenLifetimeMs: options.tokenLifetimeMs ?? INTERACTION_TOKEN_LIFETIME_MS,
    validate: options.validate ?? true,
    requests: [],
    violations: [],
    callbacks: [],
    gatewaySends: [],
    unhandled: [],
    interactions: new Map(),
    interactionsByToken: new Map(),
    messages: new Map(),
    commands: new Map(),
    rateLimits: [],
    events: new EventEmitter(),
  };
  state.events.setMaxListeners(0);
  const validator = sharedSpecValidator();
  // The application's key pair for HTTP interactions (Discord signs, the endpoint verifies).
  const interactionKeys = generateInteractionKeys();
  const answerVoice = options.answerVoiceStateUpdates ?? true;
  const voiceEndpoint = options.voiceEndpoint ?? 'voice.fake-discord.test:443';

  const gateway = createGateway({
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    now,
    resumeGatewayUrl: () => `${state.baseUrl.replace(/^http/, 'ws')}/resume`,
    readyData: (sessionId, resumeGatewayUrl) => ({
      v: 10,
      user_settings: {},
      user: { ...userObject(bot), verified: true, mfa_enabled: false, email: null, flags: 0 },
      session_type: 'normal',
      session_id: sessionId,
      resume_gateway_url: resumeGatewayUrl,
      relationships: [],
      private_channels: [],
      presences: [],
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['fake-local'],
      auth: {},
      application: { id: applicationId, flags: 0 },
      shard: [0, 1],
      _trace: ['["fake-discord",{"micros":0}]'],
    }),
    guildCreates: () => guilds.map((g) => guildCreateObject(g, bot)),
    onClientPayload(send) {
      state.gatewaySends.push(send);
      state.events.emit('gatewaySend', send);
      if (send.op === 4 && answerVoice && send.sessionId) setImmediate(() => answerVoiceState(send.d as JsonObject));
    },
  });

  function answerVoiceState(d: JsonObject): void {
    const guild = guilds.find((g) => g.id === d.guild_id);
    if (!guild) return;
    const channelId = typeof d.channel_id === 'string' ? d.channel_id : null;
    const voiceState = upsertVoiceState(guild, {
      guild_id: guild.id,
      channel_id: channelId,
      user_id: bot.id,
      // A bot's voice session is its gateway session.
      session_id: gateway.sessionId ?? randomBytes(16).toString('hex'),
      deaf: false,
      mute: false,
      self_deaf: Boolean(d.self_deaf),
      self_mute: Boolean(d.self_mute),
      self_video: false,
      suppress: false,
      request_to_speak_timestamp: null,
    });
    gateway.dispatch('VOICE_STATE_UPDATE', { ...voiceState, member: memberObject(bot, guild.joinedAt) });
    if (channelId) {
      gateway.dispatch('VOICE_SERVER_UPDATE', {
        token: randomBytes(8).toString('hex'),
        guild_id: guild.id,
        endpoint: voiceEndpoint,
      });
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void respond(req, res, Buffer.concat(chunks)).catch((err: unknown) => {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ message: `fake discord: ${String(err)}`, code: 0 }));
      });
    });
  });
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));

  async function respond(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname.startsWith('/attachments/')) return serveAttachment(url.pathname, res);
    const result = await handleRest(state, validator, { method: req.method ?? 'GET', url, headers: req.headers, body });
    res.statusCode = result.status;
    for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
    const record = state.requests.at(-1);
    if (result.status < 300 && record?.route) {
      res.setHeader('x-ratelimit-limit', '50');
      res.setHeader('x-ratelimit-remaining', '49');
      res.setHeader('x-ratelimit-reset', ((now() + 1000) / 1000).toFixed(3));
      res.setHeader('x-ratelimit-reset-after', '1.000');
      res.setHeader('x-ratelimit-bucket', bucketHash(`${record.method} ${record.route}`));
    }
    if (result.status === 204 || result.body === undefined) {
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(result.body));
  }

  function serveAttachment(pathname: string, res: ServerResponse): void {
    const id = pathname.split('/')[3] ?? '';
    const found = findAttachment(id);
    if (!found) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', found.contentType);
    res.end(found.bytes);
  }

  function findAttachment(id: string) {
    for (const stored of state.messages.values()) {
      const a = stored.attachments.find((x) => x.id === id);
      if (a) return a;
    }
    return undefined;
  }

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;

  function waitFor<T>(event: string, find: () => T | undefined, what: string, opts?: WaitOptions): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const hit = find();
        if (hit === undefined) return;
        cleanup();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake discord: timed out after ${opts?.timeoutMs ?? 10_000} ms waiting for ${what}`));
      }, opts?.timeoutMs ?? 10_000);
      const cleanup = () => {
        clearTimeout(timer);
        state.events.off(event, check);
      };
      state.events.on(event, check);
    });
  }

  function messagesFor(tokenValue: string): JsonObject[] {
    const rec = state.interactionsByToken.get(tokenValue);
    if (!rec) return [];
    const ids = [rec.originalMessageId, ...rec.messageIds];
    return ids.map((id) => liveMessage(state, id)?.message).filter((m): m is JsonObject => m !== undefined);
  }

  function sourceMessageFor(partial: JsonObject, channel: FakeChannel | undefined, customId: string): StoredMessage {
    const given = partial.message as JsonObject | undefined;
    const known = typeof given?.id === 'string' ? liveMessage(state, given.id) : undefined;
    if (known) return known;
    return createMessage(state, {
      channelId: channel?.id ?? defaultUser.id,
      guildId: channel?.guildId,
      author: bot,
      type: 0,
      files: [],
      body: given ?? {
        content: '',
        components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Button', custom_id: customId }] }],
      },
    });
  }

  function createInteraction(partial: JsonObject, injectOptions: InjectOptions): InteractionHandle {
    const guild = injectOptions.dm
      ? undefined
      : (guilds.find((g) => g.id === partial.guild_id) ?? guilds[0] ?? undefined);
    const channel = guild
      ? (guild.channels.find((c) => c.id === partial.channel_id) ?? guild.channels.find((c) => c.type === 0))
      : undefined;
    const user: FakeUser = { ...defaultUser, ...injectOptions.user };
    const id = snowflakes.next(now());
    const tokenValue = interactionToken(id);
    const data = (partial.data ?? {}) as JsonObject;
    const name = typeof data.name === 'string' ? data.name : 'ping';
    const registered = [...(state.commands.get(guild?.id ?? '') ?? []), ...(state.commands.get('') ?? [])].find(
      (c) => c.name === name,
    );
    const type = typeof partial.type === 'number' ? partial.type : 2;
    const source = type === 3 ? sourceMessageFor(partial, channel, String(data.custom_id ?? 'button')) : undefined;
    // Discord puts the guild id of a guild command into `data`.
    const commandGuild = type === 2 || type === 4 ? registered?.guild_id : undefined;
    const payload = interactionObject(
      {
        ...partial,
        ...(commandGuild ? { data: { guild_id: commandGuild, ...data } } : {}),
        ...(source ? { message: source.message } : {}),
      },
      {
        id,
        token: tokenValue,
        applicationId,
        guild,
        channel,
        user,
        attachmentSizeLimit: state.attachmentSizeLimit,
        commandId: (registered?.id as string | undefined) ?? snowflakes.next(now()),
      },
    );
    const rec: InteractionRecord = {
      id,
      token: tokenValue,
      type,
      payload,
      createdAt: now(),
      channelId: payload.channel_id as string,
      guildId: guild?.id,
      user,
      expired: false,
      callback: undefined,
      originalMessageId: undefined,
      loading: false,
      sourceMessageId: source?.message.id as string | undefined,
      messageIds: [],
    };
    state.interactions.set(id, rec);
    state.interactionsByToken.set(tokenValue, rec);
    return {
      id,
      token: tokenValue,
      payload,
      waitForCallback: (opts) => fake.waitForCallback(id, opts),
      messages: () => messagesFor(tokenValue),
      waitForMessages: (count, opts) =>
        waitFor(
          'message',
          () => {
            const list = messagesFor(tokenValue).filter((m) => ((m.flags as number) & 128) === 0);
            return list.length >= count ? list : undefined;
          },
          `${count} message(s) for interaction ${id}`,
          opts,
        ),
    };
  }

  const fake: FakeDiscord = {
    url: state.baseUrl,
    restOptions: { api: `${state.baseUrl}/api` },
    gatewayUrl: state.baseUrl.replace(/^http/, 'ws'),
    token,
    applicationId,
    botUser: bot,
    guilds,
    requests: state.requests,
    violations: state.violations,
    callbacks: state.callbacks,
    gatewaySends: state.gatewaySends,
    unhandled: state.unhandled,
    interactionsPublicKey: interactionKeys.publicKey,

    injectInteraction(partial = {}, injectOptions = {}) {
      if (!gateway.sessionId) throw new Error('fake discord: no gateway session yet; log the client in first');
      const handle = createInteraction(partial, injectOptions);
      gateway.dispatch('INTERACTION_CREATE', handle.payload);
      return handle;
    },

    async sendHttpInteraction(endpointUrl, partial = {}, httpOptions = {}) {
      const handle = createInteraction(partial, httpOptions);
      const body = JSON.stringify(handle.payload);
      const timestamp = httpOptions.timestamp ?? Math.floor(now() / 1000);
      const headers = signedInteractionHeaders(httpOptions.privateKey ?? interactionKeys.privateKey, body, timestamp);
      const response = await fetch(endpointUrl, { method: 'POST', headers, body });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      let callbackStatus: number | undefined;
      if (response.status === 200 && json !== undefined) {
        // Discord treats the HTTP response as the interaction callback: same checks, same records.
        const result = await handleRest(state, validator, {
          method: 'POST',
          url: new URL(`/api/v10/interactions/${handle.id}/${handle.token}/callback`, state.baseUrl),
          headers: { 'content-type': 'application/json', 'x-fake-discord-via': 'http-response' },
          body: Buffer.from(text),
        });
        callbackStatus = result.status;
      }
      return { ...handle, status: response.status, body: json, text, callbackStatus };
    },

    waitForCallback(interactionId, opts) {
      return waitFor(
        'callback',
        () => state.interactions.get(interactionId)?.callback,
        `the callback of interaction ${interactionId}`,
        opts,
      );
    },

    messagesFor,

    channelMessages(channelId) {
      return [...state.messages.values()].filter((m) => !m.deleted && m.channelId === channelId).map((m) => m.message);
    },

    waitForMessage(predicate, opts) {
      return waitFor(
        'message',
        () => [...state.messages.values()].find((m) => !m.deleted && predicate(m.message))?.message,
        'a matching message',
        opts,
      );
    },

    attachment(attachmentId) {
      return findAttachment(attachmentId);
    },

    commands(guildId) {
      return state.commands.get(guildId ?? '') ?? [];
    },

    injectVoiceState(partial = {}) {
      const guild = guilds.find((g) => g.id === partial.guild_id) ?? guilds[0];
      if (!guild) throw new Error('fake discord: no guild to put a voice state in');
      const userId = partial.user_id ?? defaultUser.id;
      const user = guild.members.find((m) => m.id === userId) ?? { ...defaultUser, id: userId };
      const { member, ...rest } = partial;
      const voiceState = upsertVoiceState(guild, {
        guild_id: guild.id,
        channel_id: guild.channels.find((c) => c.type === 2)?.id ?? null,
        user_id: userId,
        session_id: randomBytes(16).toString('hex'),
        deaf: false,
        mute: false,
        self_deaf: false,
        self_mute: false,
        self_video: false,
        suppress: false,
        request_to_speak_timestamp: null,
        ...rest,
      });
      const d = { ...voiceState, member: member ?? memberObject(user, guild.joinedAt) } as JsonObject;
      gateway.dispatch('VOICE_STATE_UPDATE', d);
      return d;
    },

    injectVoiceServer(partial = {}) {
      const d = {
        token: randomBytes(8).toString('hex'),
        guild_id: guilds[0]?.id ?? '',
        endpoint: voiceEndpoint,
        ...partial,
      } as JsonObject;
      gateway.dispatch('VOICE_SERVER_UPDATE', d);
      return d;
    },

    dispatch(t, d) {
      gateway.dispatch(t, d);
    },

    expireToken(tokenValue) {
      const rec = state.interactionsByToken.get(tokenValue);
      if (!rec) throw new Error('fake discord: unknown interaction token');
      rec.expired = true;
    },

    armRateLimit(route, retryAfterSeconds, rl = {}) {
      state.rateLimits.push({
        matches: routeMatcher(route),
        retryAfter: retryAfterSeconds,
        global: rl.global ?? false,
        scope: rl.scope ?? (rl.global ? 'global' : 'user'),
        remaining: rl.count ?? 1,
      });
    },

    setAttachmentLimit(bytes) {
      state.attachmentSizeLimit = bytes;
    },

    disconnectClient(opts = {}) {
      return gateway.disconnect(opts.code);
    },
    requestReconnect: () => gateway.requestReconnect(),
    invalidateSession: (resumable) => gateway.invalidateSession(resumable),

    waitForGatewaySend(op, predicate, opts) {
      const seen = state.gatewaySends.length;
      return waitFor(
        'gatewaySend',
        () => state.gatewaySends.slice(seen).find((s) => s.op === op && (!predicate || predicate(s.d))),
        `gateway op ${op} from the client`,
        opts,
      );
    },

    get gatewayConnected() {
      return gateway.connected;
    },
    get gatewaySessionId() {
      return gateway.sessionId;
    },

    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
  return fake;
}
