import { ConfigError } from '@autoalex/config';
import { describe, expect, it } from 'vitest';
import { parseShardIds, shardForGuild, shardPlan, userIdFromToken } from './shards.ts';

describe('shards', () => {
  it('parses ids and ranges, sorted and without duplicates', () => {
    expect(parseShardIds('0')).toEqual([0]);
    expect(parseShardIds('0-3')).toEqual([0, 1, 2, 3]);
    expect(parseShardIds(' 8, 0-2 ,2,3-1')).toEqual([0, 1, 2, 3, 8]);
  });

  it('plans Discord’s recommendation when unset, and checks ids against the count', () => {
    expect(shardPlan({})).toEqual({ shardCount: null, shardIds: null });
    expect(shardPlan({ SHARD_COUNT: 4 })).toEqual({ shardCount: 4, shardIds: null });
    expect(shardPlan({ SHARD_COUNT: 4, SHARD_IDS: '2-3' })).toEqual({ shardCount: 4, shardIds: [2, 3] });
    expect(() => shardPlan({ SHARD_IDS: '0' })).toThrow(ConfigError);
    expect(() => shardPlan({ SHARD_IDS: '0' })).toThrow('SHARD_IDS: needs SHARD_COUNT');
    expect(() => shardPlan({ SHARD_COUNT: 2, SHARD_IDS: '1-3' })).toThrow(
      'SHARD_IDS: shard 2, 3 does not exist with SHARD_COUNT=2 (ids run from 0 to 1)',
    );
  });

  it("finds a guild's shard as Discord does: (id >> 22) % count", () => {
    const guild = String((123_456_789n << 22n) | 4095n);
    expect(shardForGuild(guild, 1)).toBe(0);
    expect(shardForGuild(guild, 10)).toBe(9);
    expect(shardForGuild('81384788765712384', 4)).toBe(Number((81384788765712384n >> 22n) % 4n));
  });

  it("reads the bot's user id from its token, and nothing from a token that has none", () => {
    const id = '1234567890123456789';
    expect(userIdFromToken(`${Buffer.from(id).toString('base64')}.abc.def`)).toBe(id);
    expect(userIdFromToken(`${Buffer.from(id).toString('base64url')}.abc.def`)).toBe(id);
    expect(userIdFromToken('not-a-token')).toBeUndefined();
    expect(userIdFromToken('')).toBeUndefined();
  });
});
