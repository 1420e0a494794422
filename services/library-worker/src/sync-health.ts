import { type Db, getSyncState } from '@autoalex/db';
import type { Check } from '@autoalex/runtime';
import { LIBRARY_SYNC_SOURCE } from './sync/run-sync.ts';
import type { SyncTracker } from './sync/tracker.ts';

const number = new Intl.NumberFormat('en-US');

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

const when = (date: Date | null | undefined) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : 'never');

/**
 * The `library-sync` check of /healthz: what a running sync is doing (phase, counts, time), when the
 * last full and incremental syncs finished, and the mirror's counts. Degraded while the last sync
 * failed (its error is shown); a sync in progress or not yet run is not a fault.
 */
export function librarySyncCheck(deps: { db: Db; tracker: SyncTracker; now?: () => number }): Check {
  const now = deps.now ?? Date.now;
  return async () => {
    const state = await getSyncState(deps.db, LIBRARY_SYNC_SOURCE);
    const parts: string[] = [];
    const running = deps.tracker.running;
    if (running) {
      const counts = Object.entries(running.counts)
        .filter(([name]) => name !== 'usersTotal')
        .map(([name, value]) =>
          name === 'users' && running.counts.usersTotal !== undefined
            ? `${value}/${running.counts.usersTotal} users`
            : `${number.format(value)} ${name}`,
        );
      parts.push(
        `syncing (${running.mode}) for ${duration(now() - running.startedAt.getTime())}: ${running.phase}${counts.length > 0 ? `, ${counts.join(', ')}` : ''}`,
      );
    }
    parts.push(`last full sync ${when(state?.lastFullSyncAt)}, last incremental ${when(state?.lastIncrementalSyncAt)}`);
    const c = state?.counts ?? {};
    if (Object.keys(c).length > 0) {
      parts.push(
        `${number.format(c.artists ?? 0)} artists, ${number.format(c.albums ?? 0)} albums, ${number.format(c.tracks ?? 0)} tracks, ${number.format(c.plays ?? 0)} plays, ${number.format(c.users ?? 0)} users`,
      );
    }
    if (state?.lastError) {
      parts.push(`last sync failed: ${state.lastError}`);
      return { status: 'degraded', detail: parts.join('; ') };
    }
    return { status: 'ok', detail: parts.join('; ') };
  };
}
