import type { KeyObject } from 'node:crypto';
import type { GatewaySend } from './gateway.ts';
import type { FakeGuild, FakeUser, FakeVoiceState, JsonObject } from './shapes.ts';
import type { CallbackRecord, RestRequest, Violation } from './state.ts';

/** The public face of the fake Discord: its options, the object tests drive, and its handles. */

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

export interface HttpInteractionOptions extends InjectOptions {
  /** Signing key; defaults to the fake application's (whose public half is `interactionsPublicKey`). */
  privateKey?: KeyObject;
  /** `X-Signature-Timestamp` in unix seconds; defaults to now (use an old one to test staleness). */
  timestamp?: number;
}

export interface HttpInteractionResult extends InteractionHandle {
  /** HTTP status the endpoint answered. */
  status: number;
  /** Its JSON body, if any. */
  body: unknown;
  text: string;
  /**
   * When the endpoint answered 200 with JSON, Discord treats the body as the interaction callback: the
   * fake runs it through the callback route (spec validation, 3 s deadline, 40060…) and this is the
   * status that route gave (204 = accepted; see `callbacks`, `violations`).
   */
  callbackStatus: number | undefined;
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
  /** Hex Ed25519 public key of the fake application: DISCORD_PUBLIC_KEY for an HTTP interactions endpoint. */
  interactionsPublicKey: string;
  /**
   * Sends an interaction the way Discord does to an "Interactions Endpoint URL": a signed POST. The
   * interaction is known to the fake (webhook edits and follow-ups with its token work) but not
   * dispatched on the gateway.
   */
  sendHttpInteraction(
    endpointUrl: string,
    partial?: JsonObject,
    options?: HttpInteractionOptions,
  ): Promise<HttpInteractionResult>;
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
