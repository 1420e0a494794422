import type { DiscordInteraction } from '@autoalex/contracts';

// Reads the fields of a raw interaction the router and handlers need. The job schema checks only
// the fields every interaction has; everything else is read defensively here, never trusted.

/** Discord interaction types. */
export const INTERACTION = { ping: 1, command: 2, component: 3, autocomplete: 4, modal: 5 } as const;

/** ADMINISTRATOR and MANAGE_GUILD: who counts as an admin of the suite in a guild. */
const ADMIN_BITS = (1n << 3n) | (1n << 5n);

const SNOWFLAKE = /^\d{17,20}$/;

export interface Actor {
  readonly userId: string | undefined;
  readonly username: string | undefined;
  readonly guildId: string | undefined;
  readonly channelId: string | undefined;
  /** Holds ADMINISTRATOR or MANAGE_GUILD in `member.permissions` (never true outside a guild). */
  readonly isAdmin: boolean;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function snowflake(value: unknown): string | undefined {
  return typeof value === 'string' && SNOWFLAKE.test(value) ? value : undefined;
}

export function dataOf(interaction: DiscordInteraction): Record<string, unknown> {
  return record(interaction.data) ?? {};
}

export function actorOf(interaction: DiscordInteraction): Actor {
  const member = record(interaction.member);
  const user = record(member?.user) ?? record(interaction.user);
  const guildId = snowflake(interaction.guild_id);
  const channelId = snowflake(interaction.channel_id) ?? snowflake(record(interaction.channel)?.id);
  return {
    userId: snowflake(user?.id),
    username: typeof user?.username === 'string' ? user.username : undefined,
    guildId,
    channelId,
    isAdmin: guildId !== undefined && hasAdminBits(member?.permissions),
  };
}

function hasAdminBits(permissions: unknown): boolean {
  if (typeof permissions !== 'string' || !/^\d{1,30}$/.test(permissions)) return false;
  return (BigInt(permissions) & ADMIN_BITS) !== 0n;
}

/** The command name of a chat-input command or autocomplete interaction. */
export function commandNameOf(interaction: DiscordInteraction): string | undefined {
  const name = dataOf(interaction).name;
  return typeof name === 'string' ? name.slice(0, 32) : undefined;
}

export function customIdOf(interaction: DiscordInteraction): string | undefined {
  const id = dataOf(interaction).custom_id;
  return typeof id === 'string' ? id : undefined;
}

/** What a person calls the thing they used: a button, a menu, or a form. */
export function componentNoun(interaction: DiscordInteraction): 'button' | 'menu' | 'form' {
  if (interaction.type === INTERACTION.modal) return 'form';
  return dataOf(interaction).component_type === 2 ? 'button' : 'menu';
}

/** The interaction's `attachment_size_limit` in bytes; Discord's old default when absent. */
export function attachmentSizeLimitOf(interaction: DiscordInteraction): number {
  const limit = interaction.attachment_size_limit;
  return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : 10 * 1024 * 1024;
}
