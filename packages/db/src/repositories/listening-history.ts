import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { listeningHistory, type NewListeningHistoryRow, plexUsers } from '../schema/listening-history.ts';

/** Rows per INSERT, well under Postgres' 65,535 bind parameters (15 columns a row). */
const BATCH = 1000;

/** Writes Tautulli history rows; a row seen again (an overlapping sync window) is updated, not duplicated. */
export async function upsertListeningHistory(db: Db, rows: readonly NewListeningHistoryRow[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < rows.length; i += BATCH) count += await upsertBatch(db, rows.slice(i, i + BATCH));
  return count;
}

async function upsertBatch(db: Db, rows: NewListeningHistoryRow[]): Promise<number> {
  const written = await db
    .insert(listeningHistory)
    .values(rows)
    .onConflictDoUpdate({
      target: listeningHistory.rowId,
      set: {
        stoppedAt: sql`excluded.stopped_at`,
        durationPlayedS: sql`excluded.duration_played_s`,
        percentComplete: sql`excluded.percent_complete`,
        watchedStatus: sql`excluded.watched_status`,
        syncedAt: sql`now()`,
      },
    })
    .returning({ rowId: listeningHistory.rowId });
  return written.length;
}

export async function upsertPlexUsers(
  db: Db,
  users: ReadonlyArray<{ plexUserId: number; username: string; friendlyName?: string | null; thumb?: string | null }>,
): Promise<void> {
  if (users.length === 0) return;
  await db
    .insert(plexUsers)
    .values([...users])
    .onConflictDoUpdate({
      target: plexUsers.plexUserId,
      set: {
        username: sql`excluded.username`,
        friendlyName: sql`excluded.friendly_name`,
        thumb: sql`excluded.thumb`,
        updatedAt: sql`now()`,
      },
    });
}

/** Distinct tracks of an artist (grandparent rating key) a Plex user has played — the /completion numerator. */
export async function playedTrackKeys(db: Db, plexUserId: number, artistRatingKey: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ratingKey: listeningHistory.ratingKey })
    .from(listeningHistory)
    .where(
      and(eq(listeningHistory.plexUserId, plexUserId), eq(listeningHistory.grandparentRatingKey, artistRatingKey)),
    );
  return rows.map((r) => r.ratingKey);
}
