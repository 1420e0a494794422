import type { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { GatewaySend } from './gateway.ts';
import type { FakeChannel, FakeGuild, FakeUser, JsonObject, SnowflakeSource, StoredAttachment } from './shapes.ts';
import type { ValidationIssue } from './spec-validator.ts';

/** Everything the fake Discord remembers; REST routes and test controls read and write it. */

export interface RestRequest {
  method: string;
  /** Path as received, e.g. `/api/v10/channels/1/messages`. */
  path: string;
  /** The spec template it matched, e.g. `/channels/{channel_id}/messages`. */
  route: string | undefined;
  operationId: string | undefined;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Parsed JSON body (or `payload_json` of a multipart body). */
  json: unknown;
  files: UploadedFile[];
  status: number;
  at: number;
}

export interface UploadedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  size: number;
  bytes: Buffer;
}

/** A request body that broke Discord's OpenAPI schema (or a rule Discord enforces beyond it). */
export interface Violation {
  method: string;
  path: string;
  route: string;
  operationId: string;
  body: unknown;
  issues: ValidationIssue[];
  /** Discord's `errors` tree, as answered in the 50035 response. */
  errors: JsonObject;
  at: number;
}

export interface CallbackRecord {
  interactionId: string;
  token: string;
  /** Interaction callback type: 1 PONG, 4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  data: JsonObject | undefined;
  body: JsonObject;
  files: UploadedFile[];
  withResponse: boolean;
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: JsonObject;
  createdAt: number;
  channelId: string;
  guildId: string | undefined;
  user: FakeUser;
  expired: boolean;
  callback: CallbackRecord | undefined;
  originalMessageId: string | undefined;
  /** True after a type 5 deferral until the first follow-up or edit fills the loading message. */
  loading: boolean;
  /** For components: the message the component sits on. */
  sourceMessageId: string | undefined;
  messageIds: string[];
}

export interface StoredMessage {
  message: JsonObject;
  channelId: string;
  /** Interaction token the message was sent with, if any. */
  token: string | undefined;
  attachments: StoredAttachment[];
  deleted: boolean;
  /** The `nonce` it was created with, as text (Discord takes integers and strings alike). */
  nonce: string | undefined;
  /** On the fake's clock (ms). */
  createdAt: number;
}

export interface ArmedRateLimit {
  matches(method: string, route: string, path: string): boolean;
  retryAfter: number;
  global: boolean;
  scope: 'user' | 'global' | 'shared';
  remaining: number;
}

export interface FakeDiscordState {
  token: string;
  applicationId: string;
  bot: FakeUser;
  guilds: FakeGuild[];
  snowflakes: SnowflakeSource;
  now(): number;
  baseUrl: string;
  attachmentSizeLimit: number;
  callbackDeadlineMs: number;
  tokenLifetimeMs: number;
  validate: boolean;
  requests: RestRequest[];
  violations: Violation[];
  callbacks: CallbackRecord[];
  gatewaySends: GatewaySend[];
  unhandled: RestRequest[];
  interactions: Map<string, InteractionRecord>;
  interactionsByToken: Map<string, InteractionRecord>;
  messages: Map<string, StoredMessage>;
  commands: Map<string, JsonObject[]>;
  rateLimits: ArmedRateLimit[];
  /** Emits 'request', 'violation', 'callback', 'message', 'gatewaySend'. */
  events: EventEmitter;
}

export function findChannel(state: FakeDiscordState, channelId: string): FakeChannel | undefined {
  for (const guild of state.guilds) {
    const channel = guild.channels.find((c) => c.id === channelId);
    if (channel) return channel;
  }
  return undefined;
}

export function findGuild(state: FakeDiscordState, guildId: string | undefined): FakeGuild | undefined {
  return guildId === undefined ? undefined : state.guilds.find((g) => g.id === guildId);
}

/** Global commands live under key '', guild commands under the guild id. */
export function commandKey(guildId: string | undefined): string {
  return guildId ?? '';
}
