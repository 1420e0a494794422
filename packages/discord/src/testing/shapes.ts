import { randomBytes } from 'node:crypto';

/**
 * Builders for the objects Discord sends: users, guilds, channels, members, interactions and
 * messages, filled to the shape the real API uses so discord.js parses them as it would in
 * production. Only plain JSON comes out of here; state lives in server.ts.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function asObject(json: unknown): JsonObject {
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as JsonObject) : {};
}

const DISCORD_EPOCH = 1_420_070_400_000n;

export interface SnowflakeSource {
  next(at?: number): string;
}

export function createSnowflakes(): SnowflakeSource {
  let increment = 0n;
  return {
    next(at = Date.now()) {
      increment = (increment + 1n) & 0xfffn;
      return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
    },
  };
}

/** An interaction token looks like Discord's: `aW50ZXJhY3Rpb246<id>:<random>` in base64url. */
export function interactionToken(interactionId: string): string {
  return Buffer.from(`interaction:${interactionId}:${randomBytes(48).toString('base64url')}`).toString('base64url');
}

export function sessionId(): string {
  return randomBytes(16).toString('hex');
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  bot?: boolean;
}

export function userObject(user: FakeUser): JsonObject {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.global_name,
    avatar: null,
    avatar_decoration_data: null,
    banner: null,
    accent_color: null,
    public_flags: 0,
    flags: 0,
    primary_guild: null,
    collectibles: null,
    ...(user.bot ? { bot: true, verified: true, mfa_enabled: false, locale: 'en-US' } : {}),
  };
}

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 text, 2 voice, 13 stage, 4 category. */
  type: number;
  guildId: string;
}

export function channelObject(channel: FakeChannel, position = 0): JsonObject {
  const base: JsonObject = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    flags: 0,
    nsfw: false,
  };
  if (channel.type === 2 || channel.type === 13) {
    return { ...base, bitrate: 64_000, user_limit: 0, rtc_region: null, rate_limit_per_user: 0, last_message_id: null };
  }
  return { ...base, topic: null, rate_limit_per_user: 0, last_message_id: null, last_pin_timestamp: null };
}

export interface FakeVoiceState {
  guild_id: string;
  channel_id: string | null;
  user_id: string;
  session_id: string;
  deaf: boolean;
  mute: boolean;
  self_deaf: boolean;
  self_mute: boolean;
  self_video: boolean;
  suppress: boolean;
  request_to_speak_timestamp: string | null;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: FakeChannel[];
  /** Users besides the bot that are members of the guild. */
  members: FakeUser[];
  voiceStates: FakeVoiceState[];
  joinedAt: string;
}

/** Permissions of an administrator-like member: every bit Discord defined up to 2026. */
export const ALL_PERMISSIONS = '2251799813685247';

export function memberObject(user: FakeUser, joinedAt: string, withUser = true): JsonObject {
  return {
    ...(withUser ? { user: userObject(user) } : {}),
    nick: null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
  };
}

export function roleEveryone(guildId: string): JsonObject {
  return {
    id: guildId,
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: '2222085186637376',
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

/** The GUILD_CREATE payload Discord sends after READY for every guild the bot is in. */
export function guildCreateObject(guild: FakeGuild, bot: FakeUser): JsonObject {
  const everyone = [bot, ...guild.members];
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [roleEveryone(guild.id)],
    emojis: [],
    stickers: [],
    soundboard_sounds: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channels.find((c) => c.type === 0)?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    nsfw: false,
    nsfw_level: 0,
    hub_type: null,
    incidents_data: null,
    latest_onboarding_question_id: null,
    home_header: null,
    inventory_settings: null,
    version: 0,
    joined_at: guild.joinedAt,
    large: false,
    lazy: true,
    unavailable: false,
    member_count: everyone.length,
    members: everyone.map((u) => memberObject(u, guild.joinedAt)),
    channels: guild.channels.map((c, i) => {
      const { guild_id: _omit, ...rest } = channelObject(c, i);
      return rest;
    }),
    threads: [],
    presences: [],
    voice_states: guild.voiceStates.map(({ guild_id: _omit, ...vs }) => ({ ...vs })),
    stage_instances: [],
    guild_scheduled_events: [],
    embedded_activities: [],
    activity_instances: [],
  };
}

export interface InteractionContext {
  id: string;
  token: string;
  applicationId: string;
  guild: FakeGuild | undefined;
  channel: FakeChannel | undefined;
  user: FakeUser;
  attachmentSizeLimit: number;
  commandId: string;
}

/**
 * Fills a test's partial interaction to the shape Discord sends in INTERACTION_CREATE. Fields the
 * test gives win; `data` is completed with the command id and type when they are missing.
 */
export function interactionObject(partial: JsonObject, ctx: InteractionContext): JsonObject {
  const type = typeof partial.type === 'number' ? partial.type : 2;
  const inGuild = ctx.guild !== undefined;
  const given = (partial.data ?? {}) as JsonObject;
  let data: JsonObject | undefined;
  if (type === 2 || type === 4) {
    data = { id: ctx.commandId, name: 'ping', type: 1, ...given };
  } else if (type === 3) {
    data = { component_type: 2, custom_id: 'button', ...given };
  } else if (type === 5) {
    data = { custom_id: 'modal', components: [], ...given };
  }
  const channel: JsonObject = ctx.channel
    ? { ...channelObject(ctx.channel), permissions: ALL_PERMISSIONS }
    : { id: ctx.user.id, type: 1, flags: 0, last_message_id: null, recipients: [userObject(ctx.user)] };
  const out: JsonObject = {
    id: ctx.id,
    application_id: ctx.applicationId,
    type,
    ...(data ? { data } : {}),
    channel,
    channel_id: channel.id as string,
    token: ctx.token,
    version: 1,
    locale: 'en-US',
    app_permissions: ALL_PERMISSIONS,
    entitlements: [],
    entitlement_sku_ids: [],
    authorizing_integration_owners: inGuild ? { '0': ctx.guild!.id } : { '1': ctx.user.id },
    context: inGuild ? 0 : 1,
    attachment_size_limit: ctx.attachmentSizeLimit,
  };
  if (inGuild) {
    out.guild_id = ctx.guild!.id;
    out.guild = { id: ctx.guild!.id, locale: 'en-US', features: [] };
    out.guild_locale = 'en-US';
    out.member = { ...memberObject(ctx.user, ctx.guild!.joinedAt), permissions: ALL_PERMISSIONS };
  } else {
    out.user = userObject(ctx.user);
  }
  const { data: _d, ...rest } = partial;
  return { ...out, ...rest };
}

export interface StoredAttachment {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  bytes: Buffer;
}

export interface MessageContext {
  id: string;
  channelId: string;
  guildId: string | undefined;
  author: FakeUser;
  /** The application id for messages sent through an interaction webhook. */
  webhookId?: string;
  applicationId?: string;
  /** 0 default, 20 chat input command, 19 reply, ... */
  type: number;
  interactionMetadata?: JsonObject;
  attachments: StoredAttachment[];
  baseUrl: string;
  timestamp: string;
}

/** A message object as Discord returns it from create/edit calls. */
export function messageObject(body: JsonObject, ctx: MessageContext, previous?: JsonObject): JsonObject {
  const keepAttachmentIds = Array.isArray(body.attachments)
    ? new Set(body.attachments.map((a) => String((a as JsonObject).id)))
    : undefined;
  const previousAttachments = ((previous?.attachments as JsonObject[] | undefined) ?? []).filter(
    (a) => keepAttachmentIds === undefined || keepAttachmentIds.has(String(a.id)),
  );
  const newAttachments = ctx.attachments.map((a) => ({
    id: a.id,
    filename: a.filename,
    size: a.size,
    url: `${ctx.baseUrl}/attachments/${ctx.channelId}/${a.id}/${encodeURIComponent(a.filename)}`,
    proxy_url: `${ctx.baseUrl}/attachments/${ctx.channelId}/${a.id}/${encodeURIComponent(a.filename)}`,
    content_type: a.contentType,
  }));
  const pick = (key: string, fallback: Json): Json =>
    body[key] !== undefined ? (body[key] ?? fallback) : (previous?.[key] ?? fallback);
  const message: JsonObject = {
    id: ctx.id,
    type: ctx.type,
    channel_id: ctx.channelId,
    author: userObject(ctx.author),
    content: pick('content', '') as string,
    timestamp: (previous?.timestamp as string | undefined) ?? ctx.timestamp,
    edited_timestamp: previous ? ctx.timestamp : null,
    tts: Boolean(body.tts ?? false),
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: [...previousAttachments, ...newAttachments],
    embeds: pick('embeds', []),
    components: pick('components', []),
    reactions: [],
    pinned: false,
    flags: pick('flags', 0),
    position: 0,
  };
  if (ctx.guildId) message.guild_id = ctx.guildId;
  if (ctx.webhookId) message.webhook_id = ctx.webhookId;
  if (ctx.applicationId) message.application_id = ctx.applicationId;
  if (ctx.interactionMetadata) message.interaction_metadata = ctx.interactionMetadata;
  if (body.poll) message.poll = body.poll;
  return message;
}

export interface DiscordError {
  status: number;
  body: JsonObject;
}

export function discordError(status: number, code: number, message: string, errors?: JsonObject): DiscordError {
  return { status, body: errors ? { message, code, errors } : { message, code } };
}

/** The error bodies the fake answers with, word for word as Discord sends them. */
export const errors = {
  unauthorized: () => discordError(401, 0, '401: Unauthorized'),
  notFound: () => discordError(404, 0, '404: Not Found'),
  methodNotAllowed: () => discordError(405, 0, '405: Method Not Allowed'),
  unknownChannel: () => discordError(404, 10003, 'Unknown Channel'),
  unknownMessage: () => discordError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => discordError(404, 10015, 'Unknown Webhook'),
  unknownApplication: () => discordError(404, 10002, 'Unknown Application'),
  unknownGuild: () => discordError(404, 10004, 'Unknown Guild'),
  unknownInteraction: () => discordError(404, 10062, 'Unknown interaction'),
  invalidWebhookToken: () => discordError(401, 50027, 'Invalid Webhook Token'),
  alreadyAcknowledged: () => discordError(400, 40060, 'Interaction has already been acknowledged.'),
  tooLarge: () => discordError(413, 40005, 'Request entity too large'),
  cannotSendEmpty: () => discordError(400, 50006, 'Cannot send an empty message'),
  invalidFormBody: (formErrors: JsonObject) => discordError(400, 50035, 'Invalid Form Body', formErrors),
  badJson: () => discordError(400, 50109, 'The request body contains invalid JSON.'),
};
