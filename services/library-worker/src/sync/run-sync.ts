import type { Logger } from '@autoalex/contracts';
import { type Db, getSyncState, libraryCounts, relinkPlays, saveSyncState } from '@autoalex/db';
import type { PlexClient } from '@autoalex/plex';
import type { TautulliClient } from '@autoalex/tautulli';
import { type PlexLibraryResult, syncPlexLibrary } from './plex-library.ts';
import { type HistoryResult, syncTautulliHistory } from './tautulli-history.ts';
import type { SyncMode, SyncTracker } from './tracker.ts';

/** sync_state source of the whole library sync: last full/incremental run, counts, last error. */
export const LIBRARY_SYNC_SOURCE = 'library';
/** sync_state source remembering the Plex server whose tracks plays are linked to. */
export const PLEX_SERVER_SOURCE = 'plex:server';

export interface SyncDeps {
  db: Db;
  /** Undefined when Plex is not configured: the library mirror is left as it is. */
  plex: PlexClient | undefined;
  /** Undefined when Tautulli is not configured: history is left as it is. */
  tautulli: TautulliClient | undefined;
  logger: Logger;
  tracker: SyncTracker;
  overlapMs: number;
  signal?: AbortSignal;
  /** Reports progress (BullMQ job progress); called at most every few seconds. */
  progress?: (value: object) => Promise<void> | void;
}

export interface SyncRequest {
  mode: SyncMode;
  /** Incremental only: re-read history from this time for every user. */
  since?: Date;
}

export interface SyncResult {
  mode: SyncMode;
  plex?: PlexLibraryResult;
  history?: HistoryResult;
  relinked: { byKey: number; successor: number; byIdentity: number };
  counts: Record<string, number>;
  ms: number;
}

/**
 * One sync: the Plex library mirror, then Tautulli history, then linking plays to live tracks
 * (ADR 0141), then the counts recorded in sync_state for /healthz. Run it under the sync lock.
 */
export async function runSync(deps: SyncDeps, request: SyncRequest): Promise<SyncResult> {
  const { db, tracker, logger } = deps;
  const started = performance.now();
  tracker.start(request.mode);
  const log = logger.child({ sync: request.mode });
  log.info({ plex: Boolean(deps.plex), tautulli: Boolean(deps.tautulli) }, 'library sync started');
  const ticker = deps.progress ? startTicker(deps) : undefined;
  try {
    // A failing upstream does not stop the other one: Plex down still syncs history, and the other
    // way round. The first failure is recorded and rethrown at the end (the job retries).
    const failures: unknown[] = [];
    let plex: PlexLibraryResult | undefined;
    let serverId: number | null = Number((await getSyncState(db, PLEX_SERVER_SOURCE))?.cursor ?? Number.NaN);
    if (!Number.isFinite(serverId)) serverId = null;
    if (deps.plex) {
      try {
        plex = await syncPlexLibrary({ db, plex: deps.plex, logger: log, tracker, signal: deps.signal });
        serverId = plex.serverId;
        await saveSyncState(db, PLEX_SERVER_SOURCE, { cursor: String(serverId) });
      } catch (err) {
        if (deps.signal?.aborted) throw err;
        log.error({ err }, 'plex library sync failed; syncing the rest');
        failures.push(err);
      }
    }
    let history: HistoryResult | undefined;
    if (deps.tautulli) {
      try {
        history = await syncTautulliHistory(
          { db, tautulli: deps.tautulli, logger: log, tracker, overlapMs: deps.overlapMs, signal: deps.signal },
          { mode: request.mode, serverId, since: request.since },
        );
      } catch (err) {
        if (deps.signal?.aborted) throw err;
        log.error({ err }, 'tautulli history sync failed');
        failures.push(err);
      }
    }
    tracker.phase('relink');
    const relinked = await relinkPlays(db);
    const totals = await libraryCounts(db);
    const counts: Record<string, number> = { ...totals };
    if (failures.length > 0) throw failures[0];
    const now = new Date();
    await saveSyncState(db, LIBRARY_SYNC_SOURCE, {
      ...(request.mode === 'full' ? { lastFullSyncAt: now } : { lastIncrementalSyncAt: now }),
      lastError: null,
      counts,
    });
    const result: SyncResult = {
      mode: request.mode,
      ...(plex ? { plex } : {}),
      ...(history ? { history } : {}),
      relinked,
      counts,
      ms: Math.round(performance.now() - started),
    };
    tracker.finish({ ok: true });
    log.info({ relinked, counts, ms: result.ms }, 'library sync finished');
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    tracker.finish({ ok: false, error: message });
    const counts = await libraryCounts(db).catch(() => undefined);
    await saveSyncState(db, LIBRARY_SYNC_SOURCE, {
      lastError: message,
      ...(counts ? { counts: { ...counts } } : {}),
    }).catch(() => {});
    throw err;
  } finally {
    ticker?.stop();
  }
}

function startTicker(deps: SyncDeps): { stop(): void } {
  const timer = setInterval(() => {
    const running = deps.tracker.running;
    if (!running) return;
    Promise.resolve(deps.progress?.({ phase: running.phase, ...running.counts })).catch(() => {});
    deps.logger.debug({ phase: running.phase, ...running.counts }, 'library sync progress');
  }, 5000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
