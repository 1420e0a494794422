import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type SyncState, syncState } from '../schema/sync-state.ts';

export async function getSyncState(db: Db, source: string): Promise<SyncState | undefined> {
  const [row] = await db.select().from(syncState).where(eq(syncState.source, source)).limit(1);
  return row;
}

export interface SyncProgress {
  cursor?: string | null;
  lastFullSyncAt?: Date | null;
  lastIncrementalSyncAt?: Date | null;
  lastError?: string | null;
  counts?: Record<string, number>;
}

/** Creates or updates the state of `source`; only the fields given are changed. */
export async function saveSyncState(db: Db, source: string, progress: SyncProgress): Promise<SyncState> {
  const [row] = await db
    .insert(syncState)
    .values({ source, ...progress })
    .onConflictDoUpdate({ target: syncState.source, set: { ...progress, updatedAt: sql`now()` } })
    .returning();
  return row!;
}
