import type { Redis } from 'ioredis';

// The remix-worker's per-user limits (services/remix-worker/src/worker/limits.ts), read without
// taking anything, so /boost and /reduce can refuse at once what the worker would refuse when the
// job starts. The worker stays the authority: it claims the slot and counts the day when it starts.
//   {prefix}:remix:active:{user}       sorted set of running job ids, scored by claim expiry (ms)
//   {prefix}:remix:day:{user}:{date}   set of correlation ids started that UTC day

export interface RemixLimits {
  /** REMIX_ACTIVE_PER_USER */
  readonly activePerUser: number;
  /** REMIX_DAILY_LIMIT */
  readonly perDay: number;
}

export type RemixAllowance = { ok: true } | { ok: false; reason: 'active' | 'daily'; limit: number };

export function remixLimitKeys(prefix: string, userId: string, now: number): { active: string; day: string } {
  const day = new Date(now).toISOString().slice(0, 10);
  return { active: `${prefix}:remix:active:${userId}`, day: `${prefix}:remix:day:${userId}:${day}` };
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
