import { type Db, listOpenIncidents, type MonitorIncident } from '@autoalex/db';
import type { Redis } from 'ioredis';
import { errorText, readMonitorSnapshot, type WatchedTarget } from './snapshot.ts';
import { targetLabel } from './targets.ts';

export interface OpenIncidentView {
  id: number;
  target: string;
  label: string;
  openedAt: string;
  /** Milliseconds from the first failed check to `now`. */
  durationMs: number;
  failureCount: number;
  lastError: string | null;
  /** The alert reached Discord (channel and message are known). */
  alerted: boolean;
  alertChannelId: string | null;
  alertMessageId: string | null;
}

export interface MonitorStatus {
  /** A monitor wrote its snapshot within its TTL. */
  running: boolean;
  /** When the last round finished; null when no monitor is running. */
  updatedAt: string | null;
  /** Whether alerts reach Discord, and why not; null when unknown (no monitor running). */
  alerts: { enabled: boolean; detail: string } | null;
  /** Each watched target's last check, in the monitor's order; empty when no monitor is running. */
  targets: WatchedTarget[];
  /** Open incidents from Postgres, oldest first (present even when the monitor is not running). */
  openIncidents: OpenIncidentView[];
  /** What could not be read (Redis, Postgres), as sentences; empty when everything was read. */
  problems: string[];
}

export interface ReadMonitorStatusDeps {
  db: Db;
  redis: Redis;
  queuePrefix: string;
  now?: () => number;
}

/**
 * The monitor's view for `/status` and the dashboard: live target health from the monitor's last
 * round (Redis) and the open incidents (Postgres). Never throws: what could not be read is listed
 * in `problems`.
 */
export async function readMonitorStatus(deps: ReadMonitorStatusDeps): Promise<MonitorStatus> {
  const now = (deps.now ?? Date.now)();
  const problems: string[] = [];
  const [snapshot, incidents] = await Promise.all([
    readMonitorSnapshot(deps.redis, deps.queuePrefix),
    listOpenIncidents(deps.db).catch((err: unknown) => {
      problems.push(`cannot read open incidents from Postgres: ${errorText(err)}`);
      return [] as MonitorIncident[];
    }),
  ]);
  if (snapshot.kind === 'error' || snapshot.kind === 'invalid') problems.unshift(snapshot.detail);
  const live = snapshot.kind === 'ok' ? snapshot.snapshot : undefined;
  return {
    running: live !== undefined,
    updatedAt: live?.updatedAt ?? null,
    alerts: live?.alerts ?? null,
    targets: live?.targets ?? [],
    openIncidents: incidents.map((incident) => incidentView(incident, now)),
    problems,
  };
}

export function incidentView(incident: MonitorIncident, now: number): OpenIncidentView {
  return {
    id: incident.id,
    target: incident.target,
    label: targetLabel(incident.target),
    openedAt: incident.openedAt.toISOString(),
    durationMs: Math.max(0, now - incident.openedAt.getTime()),
    failureCount: incident.failureCount,
    lastError: incident.lastError,
    alerted: incident.alertMessageId !== null,
    alertChannelId: incident.alertChannelId,
    alertMessageId: incident.alertMessageId,
  };
}
