import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RuntimeContext } from './context.ts';
import { describeError } from './health.ts';

export const HEARTBEAT_INTERVAL_MS = 5000;
export const HEARTBEAT_TTL_SECONDS = 15;

/** `${prefix}:health:${service}:${instance}`: one key per live replica, gone 15 s after it stops beating. */
export function heartbeatKey(queuePrefix: string, service: string, instance: string): string {
  return `${queuePrefix}:health:${service}:${instance}`;
}

const checkResult = z.object({
  status: z.enum(['ok', 'degraded', 'down', 'disabled']),
  latencyMs: z.number(),
  detail: z.string(),
});

/** The JSON each replica writes: its /healthz report plus when it was written. */
export const heartbeatSchema = z.object({
  service: z.string(),
  instance: z.string(),
  status: z.enum(['ok', 'degraded', 'down']),
  uptimeSeconds: z.number(),
  checks: z.record(z.string(), checkResult),
  updatedAt: z.iso.datetime(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export interface HeartbeatOptions {
  redis: Redis;
  queuePrefix: string;
  intervalMs?: number;
  ttlSeconds?: number;
}

export interface HeartbeatHandle {
  key: string;
  /** Writes one beat now (the timer does this every interval, and a (re)connection at once). */
  beat(): Promise<void>;
}

/**
 * Every interval, writes this replica's health report to Redis with a TTL, so web (and anyone
 * else) sees every live replica without knowing its address. The first beat is written before this
 * returns when Redis is connected, otherwise on connection; the key is deleted on clean shutdown.
 */
export async function startHeartbeat(ctx: RuntimeContext, options: HeartbeatOptions): Promise<HeartbeatHandle> {
  const key = heartbeatKey(options.queuePrefix, ctx.service, ctx.instance);
  const ttl = options.ttlSeconds ?? HEARTBEAT_TTL_SECONDS;
  const interval = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  const { redis } = options;
  let failing = false;
  let written = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  async function beat(): Promise<void> {
    // While Redis is unreachable the connection logs the outage; the next `ready` beats at once.
    if (stopped || redis.status !== 'ready') return;
    try {
      const report = await ctx.health.report();
      const payload: Heartbeat = { ...report, updatedAt: new Date().toISOString() };
      await redis.set(key, JSON.stringify(payload), 'EX', ttl);
      if (!written) ctx.logger.info({ key, status: report.status }, 'heartbeat: first beat written');
      else if (failing) ctx.logger.info('heartbeat: writing again');
      written = true;
      failing = false;
    } catch (err) {
      if (!failing) ctx.logger.warn({ detail: describeError(err) }, 'heartbeat: cannot write to Redis; retrying');
      failing = true;
    }
  }

  function beatNow(): Promise<void> {
    inFlight = inFlight.then(beat);
    return inFlight;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => void beatNow().finally(schedule), interval);
  }

  const onReady = () => void beatNow();
  redis.on('ready', onReady);
  await beatNow();
  schedule();

  ctx.onShutdown('heartbeat', async () => {
    stopped = true;
    clearTimeout(timer);
    redis.off('ready', onReady);
    await inFlight;
    if (redis.status === 'ready') await redis.del(key);
  });
  return { key, beat: beatNow };
}

export interface HeartbeatRead {
  heartbeats: Heartbeat[];
  /** Keys whose value was not a valid heartbeat (written by something else); they are skipped. */
  invalid: string[];
}

/** Every live heartbeat under `queuePrefix`, read with SCAN (never KEYS) and MGET. */
export async function readHeartbeats(redis: Redis, queuePrefix: string): Promise<HeartbeatRead> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:health:*`, 'COUNT', 200);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  const unique = [...new Set(keys)].sort();
  const values = unique.length > 0 ? await redis.mget(unique) : [];
  const heartbeats: Heartbeat[] = [];
  const invalid: string[] = [];
  values.forEach((value, i) => {
    if (value === null) return; // expired between SCAN and MGET
    const parsed = heartbeatSchema.safeParse(safeJson(value));
    if (parsed.success) heartbeats.push(parsed.data);
    else invalid.push(unique[i]!);
  });
  return { heartbeats, invalid };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
