import { ConfigError } from '@autoalex/config';

/** Which shards this gateway replica runs: Discord's recommendation when unset. */
export interface ShardPlan {
  shardCount: number | null;
  shardIds: number[] | null;
}

/** `0-3,8` → [0, 1, 2, 3, 8]. The config schema has checked the shape. */
export function parseShardIds(text: string): number[] {
  const ids = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to] = part.split('-').map((n) => Number(n.trim()));
    if (from === undefined || Number.isNaN(from)) continue;
    const end = to === undefined || Number.isNaN(to) ? from : to;
    for (let id = Math.min(from, end); id <= Math.max(from, end); id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** SHARD_COUNT / SHARD_IDS → the @discordjs/ws options; a ConfigError for combinations that cannot work. */
export function shardPlan(config: { SHARD_COUNT?: number | undefined; SHARD_IDS?: string | undefined }): ShardPlan {
  const count = config.SHARD_COUNT ?? null;
  if (config.SHARD_IDS === undefined) return { shardCount: count, shardIds: null };
  if (count === null) {
    throw new ConfigError(['SHARD_IDS: needs SHARD_COUNT (the total across every gateway replica)']);
  }
  const ids = parseShardIds(config.SHARD_IDS);
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0) {
    throw new ConfigError([
      `SHARD_IDS: shard ${outside.join(', ')} does not exist with SHARD_COUNT=${count} (ids run from 0 to ${count - 1})`,
    ]);
  }
  return { shardCount: count, shardIds: ids };
}

/** The shard that receives a guild's events and must send its op 4: `(guild_id >> 22) % shard_count`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The bot's user id is the first part of its token (base64); READY confirms it. */
export function userIdFromToken(token: string): string | undefined {
  const first = token.split('.')[0] ?? '';
  try {
    const decoded = Buffer.from(first, 'base64').toString('utf8');
    return /^\d{17,20}$/.test(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}
