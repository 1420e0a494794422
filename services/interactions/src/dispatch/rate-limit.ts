import type { Redis } from 'ioredis';

export interface RateLimits {
  /** Window length in milliseconds. */
  windowMs: number;
  perUser: number;
  perGuild: number;
}

export type RateLimitVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly scope: 'user' | 'guild'; readonly retryAfterSeconds: number };

// Fixed windows, one counter per user and per guild: INCR, and PEXPIRE when the counter is new.
// One round trip for both; a counter that somehow lost its expiry gets one again.
const SCRIPT = `
local result = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if count == 1 or ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  result[#result + 1] = count
  result[#result + 1] = ttl
end
return result`;

/** Counts one interaction for the user (and the guild, when there is one) and says whether it may go on. */
export async function takeRateLimit(
  redis: Redis,
  queuePrefix: string,
  limits: RateLimits,
  who: { userId: string | undefined; guildId: string | undefined },
): Promise<RateLimitVerdict> {
  const checks: { scope: 'user' | 'guild'; key: string; limit: number }[] = [];
  if (who.userId)
    checks.push({ scope: 'user', key: `${queuePrefix}:ratelimit:user:${who.userId}`, limit: limits.perUser });
  if (who.guildId) {
    checks.push({ scope: 'guild', key: `${queuePrefix}:ratelimit:guild:${who.guildId}`, limit: limits.perGuild });
  }
  if (checks.length === 0) return { allowed: true };
  const result = (await redis.eval(SCRIPT, checks.length, ...checks.map((c) => c.key), limits.windowMs)) as number[];
  for (const [i, check] of checks.entries()) {
    const count = Number(result[i * 2]);
    const ttl = Number(result[i * 2 + 1]);
    if (count > check.limit) {
      return { allowed: false, scope: check.scope, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    }
  }
  return { allowed: true };
}
