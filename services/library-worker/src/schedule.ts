import { type Bus, createMeta, parseJob, QUEUES } from '@autoalex/contracts';
import { type Db, getSyncState } from '@autoalex/db';
import { LIBRARY_SYNC_SOURCE } from './sync/run-sync.ts';

export const INCREMENTAL_SCHEDULER_ID = 'library-sync-incremental';

/**
 * At start: a full sync when none has finished yet, else an incremental one; then an incremental
 * sync every `intervalSeconds` through a BullMQ job scheduler (one schedule in Redis however many
 * replicas run; upserting it again with another interval replaces it).
 */
export async function scheduleSyncs(
  deps: { bus: Bus; db: Db },
  intervalSeconds: number,
): Promise<'full' | 'incremental'> {
  const state = await getSyncState(deps.db, LIBRARY_SYNC_SOURCE);
  const first = state?.lastFullSyncAt ? 'incremental' : 'full';
  if (first === 'full') await deps.bus.enqueue('library', 'sync-full', { reason: 'startup', meta: createMeta() });
  else await deps.bus.enqueue('library', 'sync-incremental', { meta: createMeta() });
  const data = parseJob('library', 'sync-incremental', { meta: createMeta() });
  await deps.bus
    .queue('library')
    .upsertJobScheduler(
      INCREMENTAL_SCHEDULER_ID,
      { every: intervalSeconds * 1000 },
      { name: 'sync-incremental', data, opts: { ...QUEUES.library.options } },
    );
  return first;
}
