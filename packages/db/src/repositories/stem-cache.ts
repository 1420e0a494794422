import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type StemCacheEntry, stemCache } from '../schema/remix.ts';

export interface StemKey {
  contentHash: string;
  model: string;
  stem: string;
}

/** A cached stem, marking it used now (for least-recently-used eviction). */
export async function findCachedStem(db: Db, key: StemKey): Promise<StemCacheEntry | undefined> {
  const [row] = await db
    .update(stemCache)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(eq(stemCache.contentHash, key.contentHash), eq(stemCache.model, key.model), eq(stemCache.stem, key.stem)),
    )
    .returning();
  return row;
}

/** Records a stem written to storage; a second writer of the same stem replaces the first's key. */
export async function putCachedStem(
  db: Db,
  entry: StemKey & { storageKey: string; sizeBytes: number },
): Promise<StemCacheEntry> {
  const [row] = await db
    .insert(stemCache)
    .values(entry)
    .onConflictDoUpdate({
      target: [stemCache.contentHash, stemCache.model, stemCache.stem],
      set: { storageKey: entry.storageKey, sizeBytes: entry.sizeBytes, lastUsedAt: sql`now()` },
    })
    .returning();
  return row!;
}

/** Least recently used entries first, for eviction when the cache exceeds its size budget. */
export async function listStemsForEviction(db: Db, limit: number): Promise<StemCacheEntry[]> {
  return db.select().from(stemCache).orderBy(asc(stemCache.lastUsedAt)).limit(limit);
}

export async function totalStemCacheBytes(db: Db): Promise<number> {
  const [row] = await db.select({ total: sql<string>`coalesce(sum(${stemCache.sizeBytes}), 0)` }).from(stemCache);
  return Number(row?.total ?? 0);
}

export async function deleteCachedStem(db: Db, id: number): Promise<void> {
  await db.delete(stemCache).where(eq(stemCache.id, id));
}
