import type { TargetKind } from './snapshot.ts';

// Target ids are the `target` column of monitor_incidents: `plex`, `tautulli`, `service:<name>`,
// `queue:<name>`. Both the monitor and whoever shows /status name them the same way.

export const PLEX_TARGET = 'plex';
export const TAUTULLI_TARGET = 'tautulli';

export function serviceTarget(service: string): string {
  return `service:${service}`;
}

export function queueTarget(queue: string): string {
  return `queue:${queue}`;
}

export function targetKind(target: string): TargetKind | undefined {
  if (target === PLEX_TARGET) return 'plex';
  if (target === TAUTULLI_TARGET) return 'tautulli';
  if (target.startsWith('service:')) return 'service';
  if (target.startsWith('queue:')) return 'queue';
  return undefined;
}

/** How a person reads a target id: `Plex`, `Tautulli`, `service remix-worker`, `queue remix`. */
export function targetLabel(target: string): string {
  if (target === PLEX_TARGET) return 'Plex';
  if (target === TAUTULLI_TARGET) return 'Tautulli';
  if (target.startsWith('service:')) return `service ${target.slice('service:'.length)}`;
  if (target.startsWith('queue:')) return `queue ${target.slice('queue:'.length)}`;
  return target;
}

/** `45 s`, `4 min 12 s`, `2 h 5 min`, `3 d 4 h`: two units at most, never negative. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return secs > 0 ? `${minutes} min ${secs} s` : `${minutes} min`;
  return `${secs} s`;
}
