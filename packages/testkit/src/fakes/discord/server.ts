import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway, type GatewaySend } from './gateway.ts';
import { createMessage, liveMessage } from './message-store.ts';
import { bucketHash, handleRest } from './rest-routes.ts';
import {
  createSnowflakes,
  type FakeChannel,
  type FakeGuild,
  type FakeUser,
  type FakeVoiceState,
  guildCreateObject,
  interactionObject,
  interactionToken,
  type JsonObject,
  memberObject,
  userObject,
} from './shapes.ts';
import { sharedSpecValidator } from './spec-validator.ts';
import type {
  CallbackRecord,
  FakeDiscordState,
  InteractionRecord,
  RestRequest,
  StoredMessage,
  Violation,
} from './state.ts';

/**
 * A fake Discord that the real discord.js client talks to: REST under `/api/v10` and the gateway
 * WebSocket on the same port. Point discord.js at it with `new Client({ rest: fake.restOptions })`.
 */

export interface FakeGuildOptions {
  id?: string;
  name?: string;
  /** Defaults to one text channel `general` and one voice channel `Lounge`. */
  channels?: { id?: string; name: string; type?: number }[];
  /** Users besides the bot; defaults to one user `listener`. */
  members?: Partial<FakeUser>[];
}

export interface FakeDiscordOptions {
  /** Bot token the fake accepts; a Discord-shaped one is generated when omitted. */
  token?: string;
  applicationId?: string;
  botUsername?: string;
  /** Defaults to one guild. */
  guilds?: FakeGuildOptions[];
  /** Per-file upload limit in bytes, also sent as `attachment_size_limit` (default 20 MiB). */
  attachmentSizeLimit?: number;
  /** HELLO heartbeat interval (default 41 250 ms, Discord's). */
  heartbeatIntervalMs?: number;
  /** Time to the first callback before 10062 (default 3 000 ms). */
  callbackDeadlineMs?: number;
  /** Interaction webhook token lifetime (default 15 min). */
  tokenLifetimeMs?: number;
  /** Validate request bodies against the OpenAPI spec (default true). */
  validate?: boolean;
  /** Answer op 4 with VOICE_STATE_UPDATE + VOICE_SERVER_UPDATE as Discord does (default true). */
  answerVoiceStateUpdates?: boolean;
  /** Voice server endpoint sent in VOICE_SERVER_UPDATE. */
  voiceEndpoint?: string;
  /** Clock, for token expiry and timestamps (default Date.now). */
  now?: () => number;
}

export interface WaitOptions {
  /** Reject after this long (default 10 000 ms) so a missing response fails with a clear message. */
  timeoutMs?: number;
}

export interface InjectOptions {
  /** Send it as a DM (no guild, no member) instead of in the first guild. */
  dm?: boolean;
  /** The user who interacts; defaults to the guild's first member. */
  user?: Partial<FakeUser>;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** The INTERACTION_CREATE payload as dispatched. */
  payload: JsonObject;
  waitForCallback(options?: WaitOptions): Promise<CallbackRecord>;
  /** Original response and follow-ups, current state, oldest first. */
  messages(): JsonObject[];
  /** Resolves once the token has `count` visible messages that are not loading. */
  waitForMessages(count: number, options?: WaitOptions): Promise<JsonObject[]>;
}

export interface RateLimitOptions {
  global?: boolean;
  scope?: 'user' | 'global' | 'shared';
  /** How many matching requests get 429 (default 1). */
  count?: number;
}

export interface FakeDiscord {
  url: string;
  /** Pass as discord.js `rest` option: `{ api: 'http://127.0.0.1:PORT/api' }`. */
  restOptions: { api: string };
  gatewayUrl: string;
  token: string;
  applicationId: string;
  botUser: FakeUser;
  guilds: FakeGuild[];
  requests: RestRequest[];
  violations: Violation[];
  callbacks: CallbackRecord[];
  gatewaySends: GatewaySend[];
  /** Requests for routes the spec knows but the fake does not implement (answered 404). */
  unhandled: RestRequest[];
  injectInteraction(partial?: JsonObject, options?: InjectOptions): InteractionHandle;
  waitForCallback(interactionId: string, options?: WaitOptions): Promise<CallbackRecord>;
  messagesFor(token: string): JsonObject[];
  channelMessages(channelId: string): JsonObject[];
  waitForMessage(predicate: (message: JsonObject) => boolean, options?: WaitOptions): Promise<JsonObject>;
  attachment(attachmentId: string): { filename: string; contentType: string; bytes: Buffer } | undefined;
  commands(guildId?: string): JsonObject[];
  injectVoiceState(partial?: Partial<FakeVoiceState> & { member?: JsonObject }): JsonObject;
  injectVoiceServer(partial?: { guild_id?: string; token?: string; endpoint?: string | null }): JsonObject;
  /** Sends any dispatch event to the client. */
  dispatch(t: string, d: unknown): void;
  expireToken(token: string): void;
  armRateLimit(route: string | RegExp, retryAfterSeconds: number, options?: RateLimitOptions): void;
  setAttachmentLimit(bytes: number): void;
  /** Closes the client's gateway connection (default code 4000: discord.js resumes). */
  disconnectClient(options?: { code?: number }): Promise<void>;
  requestReconnect(): void;
  invalidateSession(resumable: boolean): void;
  waitForGatewaySend(op: number, predicate?: (d: unknown) => boolean, options?: WaitOptions): Promise<GatewaySend>;
  readonly gatewayConnected: boolean;
  /** The current gateway session id (READY's `session_id`). */
  readonly gatewaySessionId: string | undefined;
  close(): Promise<void>;
}

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
    tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
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
      session_id: randomBytes(16).toString('hex'),
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

    injectInteraction(partial = {}, injectOptions = {}) {
      if (!gateway.sessionId) throw new Error('fake discord: no gateway session yet; log the client in first');
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
      const payload = interactionObject(
        { ...partial, ...(source ? { message: source.message } : {}) },
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
      gateway.dispatch('INTERACTION_CREATE', payload);
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

/**
 * `'POST /channels/{channel_id}/messages'` (method optional) matches the spec template or a concrete
 * path; a RegExp is tested against `'METHOD /path'` (path without `/api/v10`).
 */
function routeMatcher(route: string | RegExp): (method: string, template: string, path: string) => boolean {
  if (route instanceof RegExp) return (method, _template, path) => route.test(`${method} ${path}`);
  const [first, second] = route.trim().split(/\s+/);
  const wantMethod = second === undefined ? undefined : first?.toUpperCase();
  const wantPath = (second ?? first ?? '').replace(/^\/api\/v10/, '');
  return (method, template, path) =>
    (wantMethod === undefined || wantMethod === method) && (wantPath === template || wantPath === path);
}

function upsertVoiceState(guild: FakeGuild, voiceState: FakeVoiceState): FakeVoiceState {
  guild.voiceStates = guild.voiceStates.filter((v) => v.user_id !== voiceState.user_id);
  if (voiceState.channel_id) guild.voiceStates.push(voiceState);
  return voiceState;
}

function buildGuild(
  options: FakeGuildOptions,
  index: number,
  nextId: (at?: number) => string,
  now: () => number,
): FakeGuild {
  const id = options.id ?? nextId(now() - 86_400_000);
  const members: FakeUser[] = (options.members ?? [{}]).map((m, i) => ({
    id: m.id ?? nextId(),
    username: m.username ?? (i === 0 ? 'listener' : `listener${i + 1}`),
    global_name: m.global_name ?? null,
    ...(m.bot ? { bot: true } : {}),
  }));
  const channels = (
    options.channels ?? [
      { name: 'general', type: 0 },
      { name: 'Lounge', type: 2 },
    ]
  ).map((c) => ({ id: c.id ?? nextId(), name: c.name, type: c.type ?? 0, guildId: id }));
  return {
    id,
    name: options.name ?? (index === 0 ? 'Fake Guild' : `Fake Guild ${index + 1}`),
    ownerId: members[0]?.id ?? id,
    channels,
    members,
    voiceStates: [],
    joinedAt: new Date(now() - 86_400_000).toISOString(),
  };
}
