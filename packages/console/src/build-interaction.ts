import { randomBytes } from 'node:crypto';
import type { DiscordInteraction } from '@autoalex/contracts';
import { type ChatCommand, catalogue, commandByName } from '@autoalex/discord';
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
} from 'discord-api-types/v10';
import { UsageError } from './args.ts';

// Turns `status details=true` into the APPLICATION_COMMAND interaction Discord would send for
// `/status details:True`: option values typed from the catalogue, a member with permissions, and
// the console session id as the token (the interactions service answers on that session's stream).

/** Stand-ins for what only Discord has: the console's own user, server, channel and application. */
export const CONSOLE_USER_ID = '100000000000000001';
export const CONSOLE_GUILD_ID = '100000000000000002';
export const CONSOLE_CHANNEL_ID = '100000000000000003';
export const CONSOLE_APPLICATION_ID = '100000000000000004';

const DISCORD_EPOCH = 1_420_070_400_000n;
/** ADMINISTRATOR. */
const ADMIN_PERMISSIONS = String(1n << 3n);
const SNOWFLAKE = /^[1-9]\d{16,19}$/;

export interface InteractionRequest {
  command: string;
  words: readonly string[];
  options: readonly { name: string; value: string }[];
}

export interface Identity {
  userId: string;
  guildId: string;
  applicationId: string;
  admin: boolean;
}

/** A snowflake for `now`, as Discord makes them (timestamp in the top 42 bits). */
export function snowflakeAt(now: number): string {
  const random = BigInt(randomBytes(3).readUIntBE(0, 3) & 0x3fffff);
  return String(((BigInt(now) - DISCORD_EPOCH) << 22n) | random);
}

/** The chat command a console word names, or a UsageError listing the valid ones. */
export function commandFor(name: string): ChatCommand {
  const command = commandByName(name.toLowerCase());
  if (command) return command;
  throw new UsageError(
    `unknown command '${name}'. Commands: ${catalogue.map((c) => c.name).join(', ')}; also: commands, deploy-commands`,
  );
}

/** `data.options` of the interaction, typed from the catalogue; UsageError for anything Discord would not let through. */
export function buildOptions(command: ChatCommand, request: InteractionRequest): unknown[] {
  const declared = command.data.options ?? [];
  const subcommands = declared.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length === 0) {
    const [extra] = request.words;
    if (extra !== undefined) {
      throw new UsageError(`unexpected '${extra}': give /${command.name}'s options as name=value`);
    }
    return leafOptions(command.name, declared as APIApplicationCommandBasicOption[], request.options);
  }
  const names = subcommands.map((s) => s.name);
  const [word, ...extra] = request.words;
  if (word === undefined) throw new UsageError(`/${command.name} needs a subcommand: ${names.join(', ')}`);
  const sub = subcommands.find((s) => s.name === word.toLowerCase());
  if (!sub) throw new UsageError(`unknown subcommand '${word}' for /${command.name}; choose ${names.join(', ')}`);
  if (extra[0] !== undefined) {
    throw new UsageError(`unexpected '${extra[0]}': give the options of /${command.name} ${sub.name} as name=value`);
  }
  const leaves = ('options' in sub ? (sub.options ?? []) : []) as APIApplicationCommandBasicOption[];
  const options = leafOptions(`${command.name} ${sub.name}`, leaves, request.options);
  return [{ name: sub.name, type: ApplicationCommandOptionType.Subcommand, options }];
}

function leafOptions(
  owner: string,
  declared: readonly APIApplicationCommandBasicOption[],
  given: readonly { name: string; value: string }[],
): unknown[] {
  const seen = new Set<string>();
  return given.map(({ name, value }) => {
    const option = declared.find((o) => o.name === name.toLowerCase());
    if (!option) {
      const valid = declared.map((o) => o.name);
      throw new UsageError(
        valid.length === 0
          ? `/${owner} takes no options`
          : `unknown option '${name}' for /${owner}; options: ${valid.join(', ')}`,
      );
    }
    if (seen.has(option.name)) throw new UsageError(`${option.name} is given more than once`);
    seen.add(option.name);
    return { name: option.name, type: option.type, value: typedValue(option, value) };
  });
}

/** The value as Discord would send it for the option's type. */
export function typedValue(option: APIApplicationCommandOption, text: string): string | number | boolean {
  const { name } = option;
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      return text;
    case ApplicationCommandOptionType.Integer: {
      if (!/^[-+]?\d{1,16}$/.test(text.trim())) throw new UsageError(`${name} takes a whole number, not '${text}'`);
      return Number(text);
    }
    case ApplicationCommandOptionType.Number: {
      const n = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${name} takes a number, not '${text}'`);
      return n;
    }
    case ApplicationCommandOptionType.Boolean: {
      const word = text.trim().toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(word)) return true;
      if (['false', 'no', 'off', '0'].includes(word)) return false;
      throw new UsageError(`${name} takes true or false, not '${text}'`);
    }
    case ApplicationCommandOptionType.User:
    case ApplicationCommandOptionType.Channel:
    case ApplicationCommandOptionType.Role:
    case ApplicationCommandOptionType.Mentionable: {
      const id = text.trim().replace(/^<[@#]?[!&]?(\d+)>$/, '$1');
      if (!SNOWFLAKE.test(id)) throw new UsageError(`${name} takes a Discord id (17 to 20 digits), not '${text}'`);
      return id;
    }
    default:
      throw new UsageError(`${name} cannot be given from the console (option type ${option.type})`);
  }
}

/** The whole interaction, shaped as Discord sends an APPLICATION_COMMAND in a guild. */
export function buildInteraction(
  command: ChatCommand,
  options: unknown[],
  identity: Identity,
  sessionId: string,
  now: number,
): DiscordInteraction {
  const user = {
    id: identity.userId,
    username: 'alex-console',
    global_name: 'alex console',
    discriminator: '0',
    avatar: null,
  };
  return {
    id: snowflakeAt(now),
    application_id: identity.applicationId,
    type: 2,
    token: sessionId,
    version: 1,
    data: {
      id: snowflakeAt(now),
      name: command.name,
      type: 1,
      ...(options.length > 0 ? { options } : {}),
    },
    guild_id: identity.guildId,
    guild: { id: identity.guildId, locale: 'en-US', features: [] },
    channel_id: CONSOLE_CHANNEL_ID,
    channel: { id: CONSOLE_CHANNEL_ID, type: 0, name: 'alex-console' },
    member: {
      user,
      roles: [],
      permissions: identity.admin ? ADMIN_PERMISSIONS : '0',
      joined_at: new Date(now).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': identity.guildId },
    context: 0,
    attachment_size_limit: 20 * 1024 * 1024,
  };
}
