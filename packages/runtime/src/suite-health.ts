import { SERVICE_NAMES } from '@autoalex/config';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type CheckResult, describeError, type ServiceStatus } from './health.ts';
import { type Heartbeat, readHeartbeats } from './heartbeat.ts';

// The suite's health as one document, folded from the Redis heartbeats of every replica of every
// service (ADR 0051). web serves it as GET /api/health; the interactions service answers /status with it.

const checkSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down', 'disabled']),
  latencyMs: z.number(),
  detail: z.string(),
});

const serviceSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  /** Live replicas (heartbeats younger than their TTL). */
  instances: z.number().int(),
  /** Per check, the worst answer among the replicas. */
  checks: z.record(z.string(), checkSchema),
  /** The newest heartbeat; null when there is none. */
  updatedAt: z.string().nullable(),
  detail: z.string().optional(),
  replicas: z.array(
    z.object({
      instance: z.string(),
      status: z.enum(['ok', 'degraded', 'down']),
      uptimeSeconds: z.number(),
      updatedAt: z.string(),
    }),
  ),
});

/** Whether the heartbeats could be read at all: `down` names Redis as what is down (ADR 0230). */
const redisSchema = z.object({
  status: z.enum(['ok', 'down']),
  detail: z.string(),
});

/** The body of `GET /api/health`. */
export const suiteHealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  /** Set by `readSuiteHealth`: the Redis the heartbeats live in. */
  redis: redisSchema.optional(),
  services: z.record(z.string(), serviceSchema),
});
export type SuiteHealth = z.infer<typeof suiteHealthSchema>;
export type ServiceHealth = z.infer<typeof serviceSchema>;

const RANK = { disabled: 0, ok: 1, degraded: 2, down: 3 } as const;

export const NO_HEARTBEAT = 'no heartbeat: the service is not running or has not reached Redis in the last 15 seconds';

/** Folds the live heartbeats into one status per service; every expected service appears, beating or not. */
export function summarizeSuite(heartbeats: readonly Heartbeat[], expected: readonly string[]): SuiteHealth {
  const byService = new Map<string, Heartbeat[]>(expected.map((name) => [name, []]));
  for (const beat of heartbeats) {
    const list = byService.get(beat.service) ?? [];
    list.push(beat);
    byService.set(beat.service, list);
  }
  const services: Record<string, ServiceHealth> = {};
  let overall: ServiceStatus = 'ok';
  for (const [name, beats] of byService) {
    const summary = summarizeService(beats);
    services[name] = summary;
    if (RANK[summary.status] > RANK[overall]) overall = summary.status;
  }
  return { status: overall, services };
}

function summarizeService(beats: readonly Heartbeat[]): ServiceHealth {
  if (beats.length === 0) {
    return { status: 'down', instances: 0, checks: {}, updatedAt: null, detail: NO_HEARTBEAT, replicas: [] };
  }
  let status: ServiceStatus = 'ok';
  const checks: Record<string, CheckResult> = {};
  for (const beat of beats) {
    if (RANK[beat.status] > RANK[status]) status = beat.status;
    for (const [name, check] of Object.entries(beat.checks)) {
      const seen = checks[name];
      if (!seen || RANK[check.status] > RANK[seen.status]) checks[name] = check;
    }
  }
  const sorted = [...beats].sort((a, b) => a.instance.localeCompare(b.instance));
  return {
    status,
    instances: beats.length,
    checks,
    updatedAt: beats
      .map((beat) => beat.updatedAt)
      .sort()
      .at(-1)!, // ISO strings sort by time
    replicas: sorted.map((beat) => ({
      instance: beat.instance,
      status: beat.status,
      uptimeSeconds: beat.uptimeSeconds,
      updatedAt: beat.updatedAt,
    })),
  };
}

export interface SuiteHealthRead {
  /** False when Redis could not be read: every service is then reported down, with the reason. */
  ok: boolean;
  health: SuiteHealth;
}

export interface ReadSuiteHealthOptions {
  /** Services that must appear, beating or not. Default: every service of the suite. */
  expected?: readonly string[];
  /** Told (at warn) about heartbeat keys whose value is not a heartbeat. */
  logger?: { warn(fields: object, message: string): void };
  /** Longest wait for Redis; past it the read counts as failed (a request path answers in time). */
  timeoutMs?: number;
}

const REDIS_OK = 'heartbeats read';

/** Reads every live heartbeat under `queuePrefix` and folds them into the suite's health. Never throws. */
export async function readSuiteHealth(
  redis: Redis,
  queuePrefix: string,
  options: ReadSuiteHealthOptions = {},
): Promise<SuiteHealthRead> {
  const expected = options.expected ?? SERVICE_NAMES;
  try {
    const { heartbeats, invalid } = await within(readHeartbeats(redis, queuePrefix), options.timeoutMs);
    if (invalid.length > 0)
      options.logger?.warn({ keys: invalid }, 'skipped heartbeat keys that are not valid heartbeats');
    const { status, services } = summarizeSuite(heartbeats, expected);
    return { ok: true, health: { status, redis: { status: 'ok', detail: REDIS_OK }, services } };
  } catch (err) {
    const detail = `cannot read heartbeats from Redis: ${describeError(err)}`;
    const { status, services } = summarizeSuite([], expected);
    for (const service of Object.values(services)) service.detail = `${NO_HEARTBEAT} (${detail})`;
    return { ok: false, health: { status, redis: { status: 'down', detail }, services } };
  }
}

function within<T>(work: Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
