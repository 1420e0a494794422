import { redact } from '@autoalex/config';
import type { Redis } from 'ioredis';
import { z } from 'zod';

// What the monitor saw in its last round, written to Redis after every round (ADR 0152). Incidents
// live in Postgres; this is the live half of /status: each target's last check and current streak.

export const TARGET_KINDS = ['plex', 'tautulli', 'service', 'queue'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** `up` and `down` count towards the thresholds; `unknown` (the check could not run) counts for neither. */
export const CHECK_STATUSES = ['up', 'down', 'unknown'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const watchedTargetSchema = z.object({
  /** Stable id, also the incident's target: `plex`, `tautulli`, `service:gateway`, `queue:remix`. */
  target: z.string().min(1),
  label: z.string(),
  kind: z.enum(TARGET_KINDS),
  status: z.enum(CHECK_STATUSES),
  detail: z.string(),
  checkedAt: z.iso.datetime(),
  consecutiveFailures: z.number().int().nonnegative(),
  consecutiveSuccesses: z.number().int().nonnegative(),
  incidentOpen: z.boolean(),
});
export type WatchedTarget = z.infer<typeof watchedTargetSchema>;

export const monitorSnapshotSchema = z.object({
  instance: z.string(),
  updatedAt: z.iso.datetime(),
  intervalSeconds: z.number().positive(),
  /** Whether alerts reach Discord; `detail` says why not. */
  alerts: z.object({ enabled: z.boolean(), detail: z.string() }),
  targets: z.array(watchedTargetSchema),
});
export type MonitorSnapshot = z.infer<typeof monitorSnapshotSchema>;

/** `${prefix}:monitor:snapshot`. */
export function snapshotKey(queuePrefix: string): string {
  return `${queuePrefix}:monitor:snapshot`;
}

/**
 * Writes the snapshot with a TTL: a monitor that stops writing disappears from /status ("not
 * running") instead of showing stale health forever.
 */
export async function writeMonitorSnapshot(
  redis: Redis,
  queuePrefix: string,
  snapshot: MonitorSnapshot,
  ttlSeconds: number,
): Promise<void> {
  const value = monitorSnapshotSchema.parse(snapshot);
  await redis.set(snapshotKey(queuePrefix), JSON.stringify(value), 'EX', Math.max(1, Math.ceil(ttlSeconds)));
}

export type SnapshotRead =
  | { kind: 'ok'; snapshot: MonitorSnapshot }
  | { kind: 'missing' }
  | { kind: 'invalid'; detail: string }
  | { kind: 'error'; detail: string };

/** The last snapshot, if a monitor wrote one recently. Never throws. */
export async function readMonitorSnapshot(redis: Redis, queuePrefix: string): Promise<SnapshotRead> {
  let text: string | null;
  try {
    text = await redis.get(snapshotKey(queuePrefix));
  } catch (err) {
    return { kind: 'error', detail: `cannot read the monitor's snapshot from Redis: ${errorText(err)}` };
  }
  if (text === null) return { kind: 'missing' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid', detail: 'the monitor snapshot in Redis is not JSON' };
  }
  const parsed = monitorSnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'invalid',
      detail: `the monitor snapshot in Redis has an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? '?'})`,
    };
  }
  return { kind: 'ok', snapshot: parsed.data };
}

export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return redact(text.replace(/\s+/g, ' ')).slice(0, 300);
}
