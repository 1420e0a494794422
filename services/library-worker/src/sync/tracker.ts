// What the running sync is doing and how the last one ended, for /healthz and the logs (ADR 0140).

export type SyncMode = 'full' | 'incremental';

export interface RunningSync {
  mode: SyncMode;
  startedAt: Date;
  /** e.g. "plex:tracks", "tautulli:history", "relink". */
  phase: string;
  /** Running totals, e.g. { tracks: 12000, plays: 250000, users: 3, usersTotal: 12 }. */
  counts: Record<string, number>;
}

export interface FinishedSync {
  mode: SyncMode;
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  error?: string;
  counts: Record<string, number>;
}

export interface SyncTracker {
  readonly running: RunningSync | undefined;
  readonly last: FinishedSync | undefined;
  start(mode: SyncMode): void;
  phase(name: string): void;
  set(counter: string, value: number): void;
  add(counter: string, by: number): void;
  finish(outcome: { ok: boolean; error?: string }): FinishedSync | undefined;
}

export function createSyncTracker(now: () => Date = () => new Date()): SyncTracker {
  let running: RunningSync | undefined;
  let last: FinishedSync | undefined;
  return {
    get running() {
      return running;
    },
    get last() {
      return last;
    },
    start(mode) {
      running = { mode, startedAt: now(), phase: 'starting', counts: {} };
    },
    phase(name) {
      if (running) running.phase = name;
    },
    set(counter, value) {
      if (running) running.counts[counter] = value;
    },
    add(counter, by) {
      if (running) running.counts[counter] = (running.counts[counter] ?? 0) + by;
    },
    finish({ ok, error }) {
      if (!running) return undefined;
      last = {
        mode: running.mode,
        startedAt: running.startedAt,
        finishedAt: now(),
        ok,
        ...(error ? { error } : {}),
        counts: { ...running.counts },
      };
      running = undefined;
      return last;
    },
  };
}
