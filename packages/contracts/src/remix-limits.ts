import type { Redis } from 'ioredis';

// Per-user remix fairness, in Redis so every replica sees it. The remix-worker is the authority (it
// claims a slot and counts the day when a job starts); interactions peeks, so /boost and /reduce can
// refuse at once what the worker would refuse.
//   {prefix}:remix:active:{user}        sorted set of job ids running now, scored by claim expiry (ms)
//   {prefix}:remix:day:{user}:{date}    set of correlation ids started that UTC day (expires after 2 days)
// Both are keyed by job/correlation id, so a retry or a stalled restart of the same job is not
// counted twice.

export interface RemixLimits {
  /** Remixes one user may have running at once. */
  readonly activePerUser: number;
  /** Remixes one user may start per UTC day. */
  readonly perDay: number;
  /** How long a claim on an active slot lasts without renewal (a crashed worker frees it). */
  readonly claimTtlMs?: number;
}

export type RemixAllowance = { ok: true } | { ok: false; reason: 'active' | 'daily'; limit: number };

const DEFAULT_CLAIM_TTL_MS = 30 * 60_000;
const DAY_KEY_TTL_S = 2 * 24 * 3600;
const DAY_MS = 24 * 3600_000;

// KEYS: active set, day set. ARGV: job id, correlation id, now ms, claim expiry ms, max active, max per day.
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not mine and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then return 1 end
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0 then
  if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[6]) then return 2 end
  redis.call('SADD', KEYS[2], ARGV[2])
  redis.call('EXPIRE', KEYS[2], ${DAY_KEY_TTL_S})
end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) - tonumber(ARGV[3]))
return 0
`;

export function remixLimitKeys(prefix: string, userId: string, now: number): { active: string; day: string } {
  const day = new Date(now).toISOString().slice(0, 10);
  return { active: `${prefix}:remix:active:${userId}`, day: `${prefix}:remix:day:${userId}:${day}` };
}

export interface RemixLimiter {
  /** Claims an active slot and counts the remix for today; refuses past either limit. */
  take(who: { userId: string; jobId: string; correlationId: string }): Promise<RemixAllowance>;
  /** Keeps the active claim alive during a long job. */
  renew(who: { userId: string; jobId: string }): Promise<void>;
  /**
   * Frees the active slot; with `refund`, the day's count goes back too (the remix did not happen).
   * Idempotent, and works from any process (a job's end may be handled by another replica).
   */
  release(who: { userId: string; jobId: string; correlationId: string }, options?: { refund?: boolean }): Promise<void>;
}

export function createRemixLimiter(
  redis: Redis,
  prefix: string,
  limits: RemixLimits,
  now: () => number = Date.now,
): RemixLimiter {
  const ttl = limits.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS;
  // Every day key is computed from the time the job was counted, so a job that runs past midnight
  // refunds the right day.
  const countedOn = new Map<string, number>();
  return {
    async take({ userId, jobId, correlationId }) {
      const at = now();
      const keys = remixLimitKeys(prefix, userId, at);
      const result = await redis.eval(
        TAKE,
        2,
        keys.active,
        keys.day,
        jobId,
        correlationId,
        String(at),
        String(at + ttl),
        String(limits.activePerUser),
        String(limits.perDay),
      );
      if (result === 1) return { ok: false, reason: 'active', limit: limits.activePerUser };
      if (result === 2) return { ok: false, reason: 'daily', limit: limits.perDay };
      countedOn.set(correlationId, at);
      return { ok: true };
    },
    async renew({ userId, jobId }) {
      const at = now();
      const key = remixLimitKeys(prefix, userId, at).active;
      await redis
        .multi()
        .zadd(key, 'XX', String(at + ttl), jobId)
        .pexpire(key, ttl)
        .exec();
    },
    async release({ userId, jobId, correlationId }, options = {}) {
      const counted = countedOn.get(correlationId);
      countedOn.delete(correlationId);
      const at = counted ?? now();
      const keys = remixLimitKeys(prefix, userId, at);
      const tx = redis.multi().zrem(keys.active, jobId);
      if (options.refund) {
        tx.srem(keys.day, correlationId);
        // Released by another process (a job given up after its workers died, ADR 0229), which
        // does not know when it was counted: it may have started yesterday.
        if (counted === undefined) tx.srem(remixLimitKeys(prefix, userId, at - DAY_MS).day, correlationId);
      }
      await tx.exec();
    },
  };
}

/** Whether the worker would take a remix of this user now; claims that expired do not count. */
export async function peekRemixAllowance(
  redis: Redis,
  prefix: string,
  limits: RemixLimits,
  userId: string,
  now: number,
): Promise<RemixAllowance> {
  const keys = remixLimitKeys(prefix, userId, now);
  const results = await redis.multi().zcount(keys.active, `(${now}`, '+inf').scard(keys.day).exec();
  const [active, day] = (results ?? []).map(([err, value]) => {
    if (err) throw err;
    return Number(value);
  });
  if ((day ?? 0) >= limits.perDay) return { ok: false, reason: 'daily', limit: limits.perDay };
  if ((active ?? 0) >= limits.activePerUser) return { ok: false, reason: 'active', limit: limits.activePerUser };
  return { ok: true };
}
