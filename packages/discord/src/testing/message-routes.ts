import { createMessage, editMessage, isEmptyMessage, liveMessage, messageByNonce } from './message-store.ts';
import type { RouteContext, RouteHandler, RouteResult } from './route-types.ts';
import {
  asObject,
  channelObject,
  type DiscordError,
  discordError,
  errors,
  type JsonObject,
  userObject,
} from './shapes.ts';
import { commandKey, type FakeDiscordState, findChannel, findGuild } from './state.ts';

/**
 * Bot-token routes: gateway discovery, the bot's own user and application, channel messages and
 * application command registration (global and per guild).
 */

function gatewayUrl(state: FakeDiscordState): string {
  return state.baseUrl.replace(/^http/, 'ws');
}

function getBotGateway(state: FakeDiscordState): RouteResult {
  return {
    status: 200,
    body: {
      url: gatewayUrl(state),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    },
  };
}

function getGateway(state: FakeDiscordState): RouteResult {
  return { status: 200, body: { url: gatewayUrl(state) } };
}

function getMyUser(state: FakeDiscordState): RouteResult {
  return { status: 200, body: userObject(state.bot) };
}

export function applicationObject(state: FakeDiscordState): JsonObject {
  return {
    id: state.applicationId,
    name: state.bot.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    hook: true,
    is_monetized: false,
    is_verified: false,
    is_discoverable: false,
    team: null,
    owner: userObject({ id: state.guilds[0]?.ownerId ?? state.bot.id, username: 'owner', global_name: 'Owner' }),
    bot: userObject(state.bot),
    approximate_guild_count: state.guilds.length,
    approximate_user_install_count: 0,
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    tags: [],
    integration_types_config: { '0': {}, '1': {} },
  };
}

function getMyApplication(state: FakeDiscordState): RouteResult {
  return { status: 200, body: applicationObject(state) };
}

function getChannel(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const channel = findChannel(state, ctx.params.channel_id ?? '');
  return channel ? { status: 200, body: channelObject(channel) } : errors.unknownChannel();
}

function createChannelMessage(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const channel = findChannel(state, ctx.params.channel_id ?? '');
  if (!channel) return errors.unknownChannel();
  const body = asObject(ctx.json);
  if (isEmptyMessage(body, ctx.files)) return errors.cannotSendEmpty();
  const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? body.nonce : undefined;
  // enforce_nonce: the same author's message with this nonce from the last few minutes comes back
  // as it is (200, nothing new created), so a retried post after a lost answer shows once.
  if (nonce !== undefined && body.enforce_nonce === true) {
    const earlier = messageByNonce(state, state.bot.id, String(nonce));
    if (earlier) return { status: 200, body: earlier.message };
  }
  const stored = createMessage(state, {
    channelId: channel.id,
    guildId: channel.guildId,
    body,
    files: ctx.files,
    author: state.bot,
    type: body.message_reference ? 19 : 0,
    nonce,
  });
  if (body.message_reference) stored.message.message_reference = body.message_reference;
  return { status: 200, body: stored.message };
}

function channelMessage(state: FakeDiscordState, ctx: RouteContext) {
  const stored = liveMessage(state, ctx.params.message_id);
  return stored && stored.channelId === ctx.params.channel_id ? stored : undefined;
}

function getChannelMessage(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  if (!findChannel(state, ctx.params.channel_id ?? '')) return errors.unknownChannel();
  const stored = channelMessage(state, ctx);
  return stored ? { status: 200, body: stored.message } : errors.unknownMessage();
}

function listChannelMessages(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  if (!findChannel(state, ctx.params.channel_id ?? '')) return errors.unknownChannel();
  const limit = Math.min(Number(ctx.query.get('limit') ?? 50) || 50, 100);
  const list = [...state.messages.values()]
    .filter((m) => !m.deleted && m.channelId === ctx.params.channel_id)
    .map((m) => m.message)
    .reverse()
    .slice(0, limit);
  return { status: 200, body: list };
}

function updateChannelMessage(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  if (!findChannel(state, ctx.params.channel_id ?? '')) return errors.unknownChannel();
  const stored = channelMessage(state, ctx);
  if (!stored) return errors.unknownMessage();
  const author = stored.message.author as JsonObject;
  if (author.id !== state.bot.id) return discordError(403, 50005, 'Cannot edit a message authored by another user');
  return { status: 200, body: editMessage(state, stored, asObject(ctx.json), ctx.files).message };
}

function deleteChannelMessage(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  if (!findChannel(state, ctx.params.channel_id ?? '')) return errors.unknownChannel();
  const stored = channelMessage(state, ctx);
  if (!stored) return errors.unknownMessage();
  stored.deleted = true;
  state.events.emit('message', stored);
  return { status: 204 };
}

function commandScope(state: FakeDiscordState, ctx: RouteContext): string | DiscordError {
  if (ctx.params.application_id !== state.applicationId) return discordError(403, 50001, 'Missing Access');
  const guildId = ctx.params.guild_id;
  if (guildId !== undefined && !findGuild(state, guildId)) return discordError(403, 50001, 'Missing Access');
  return commandKey(guildId);
}

function commandObject(state: FakeDiscordState, input: JsonObject, guildId: string | undefined, previous?: JsonObject) {
  const command: JsonObject = {
    id: (previous?.id as string | undefined) ?? state.snowflakes.next(state.now()),
    application_id: state.applicationId,
    version: state.snowflakes.next(state.now()),
    default_member_permissions: null,
    type: 1,
    description: '',
    dm_permission: true,
    contexts: null,
    integration_types: [0],
    nsfw: false,
    ...input,
  };
  if (guildId !== undefined) {
    command.guild_id = guildId;
    delete command.dm_permission;
  }
  return command;
}

function sameCommand(a: JsonObject, b: JsonObject): boolean {
  return a.name === b.name && (a.type ?? 1) === (b.type ?? 1);
}

function listCommands(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const key = commandScope(state, ctx);
  if (typeof key !== 'string') return key;
  return { status: 200, body: state.commands.get(key) ?? [] };
}

function bulkSetCommands(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const key = commandScope(state, ctx);
  if (typeof key !== 'string') return key;
  const previous = state.commands.get(key) ?? [];
  const input = Array.isArray(ctx.json) ? (ctx.json as JsonObject[]) : [];
  const next = input.map((c) =>
    commandObject(
      state,
      c,
      ctx.params.guild_id,
      previous.find((p) => sameCommand(p, c)),
    ),
  );
  state.commands.set(key, next);
  return { status: 200, body: next };
}

function createCommand(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const key = commandScope(state, ctx);
  if (typeof key !== 'string') return key;
  const body = asObject(ctx.json);
  const list = state.commands.get(key) ?? [];
  const existing = list.find((p) => sameCommand(p, body));
  const command = commandObject(state, body, ctx.params.guild_id, existing);
  state.commands.set(key, existing ? list.map((c) => (c === existing ? command : c)) : [...list, command]);
  return { status: existing ? 200 : 201, body: command };
}

function deleteCommand(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const key = commandScope(state, ctx);
  if (typeof key !== 'string') return key;
  const list = state.commands.get(key) ?? [];
  if (!list.some((c) => c.id === ctx.params.command_id)) return discordError(404, 10063, 'Unknown application command');
  state.commands.set(
    key,
    list.filter((c) => c.id !== ctx.params.command_id),
  );
  return { status: 204 };
}

export const messageRoutes: Record<string, RouteHandler> = {
  get_bot_gateway: getBotGateway,
  get_gateway: getGateway,
  get_my_user: getMyUser,
  get_my_application: getMyApplication,
  get_channel: getChannel,
  create_message: createChannelMessage,
  list_messages: listChannelMessages,
  get_message: getChannelMessage,
  update_message: updateChannelMessage,
  delete_message: deleteChannelMessage,
  list_application_commands: listCommands,
  bulk_set_application_commands: bulkSetCommands,
  create_application_command: createCommand,
  delete_application_command: deleteCommand,
  list_guild_application_commands: listCommands,
  bulk_set_guild_application_commands: bulkSetCommands,
  create_guild_application_command: createCommand,
  delete_guild_application_command: deleteCommand,
};
