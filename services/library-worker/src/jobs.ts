import type { JobContext, JobHandlers } from '@autoalex/contracts';
import { LIBRARY_SYNC_LOCK_KEY, withAdvisoryLock } from '@autoalex/db';
import { UnrecoverableError } from 'bullmq';
import type postgres from 'postgres';
import { runSync, type SyncDeps, type SyncRequest } from './sync/run-sync.ts';

export interface LibraryJobDeps extends Omit<SyncDeps, 'logger' | 'signal' | 'progress'> {
  /** The postgres-js client, for the sync's advisory lock. */
  sql: postgres.Sql;
}

async function sync(deps: LibraryJobDeps, request: SyncRequest, ctx: JobContext) {
  const outcome = await withAdvisoryLock(deps.sql, LIBRARY_SYNC_LOCK_KEY, () =>
    runSync({ ...deps, logger: ctx.log, signal: ctx.signal, progress: (value) => ctx.progress(value) }, request),
  );
  if (!outcome.locked) {
    ctx.log.info({ mode: request.mode }, 'another library sync is running; this one is skipped');
    return { skipped: 'another library sync is running' };
  }
  const { mode, counts, relinked, ms } = outcome.value;
  return { mode, counts, relinked, ms };
}

/** Handlers of the `library` queue. Credits and Top Rated playlists have not landed yet. */
export function libraryHandlers(deps: LibraryJobDeps): JobHandlers<'library'> {
  return {
    'sync-full': (_payload, ctx) => sync(deps, { mode: 'full' }, ctx),
    'sync-incremental': (payload, ctx) =>
      sync(deps, { mode: 'incremental', ...(payload.since ? { since: new Date(payload.since) } : {}) }, ctx),
    'enrich-credits': async () => {
      throw new UnrecoverableError('enrich-credits has not landed yet in this version of the library-worker');
    },
    'sync-top-rated': async () => {
      throw new UnrecoverableError('sync-top-rated has not landed yet in this version of the library-worker');
    },
  };
}
