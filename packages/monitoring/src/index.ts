// @autoalex/monitoring: the monitor's read model. The monitor writes it; /status and the dashboard
// read it. Incidents live in Postgres (@autoalex/db), live target health in Redis (ADR 0152).
export { monitorStatusEmbed, monitorStatusLines, type StatusEmbed } from './format.ts';
export {
  CHECK_STATUSES,
  type CheckStatus,
  type MonitorSnapshot,
  monitorSnapshotSchema,
  readMonitorSnapshot,
  type SnapshotRead,
  snapshotKey,
  TARGET_KINDS,
  type TargetKind,
  type WatchedTarget,
  watchedTargetSchema,
  writeMonitorSnapshot,
} from './snapshot.ts';
export {
  incidentView,
  type MonitorStatus,
  type OpenIncidentView,
  type ReadMonitorStatusDeps,
  readMonitorStatus,
} from './status.ts';
export {
  formatDuration,
  PLEX_TARGET,
  queueTarget,
  serviceTarget,
  TAUTULLI_TARGET,
  targetKind,
  targetLabel,
} from './targets.ts';
