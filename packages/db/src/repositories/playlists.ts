import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type Playlist, playlistItems, playlists } from '../schema/playlists.ts';
import { type Song, songs } from '../schema/songs.ts';

export type CreatePlaylistResult =
  | { ok: true; playlist: Playlist }
  | { ok: false; reason: 'name-taken' | 'blank-name' };

export async function createPlaylist(db: Db, ownerUserId: string, name: string): Promise<CreatePlaylistResult> {
  const trimmed = name.trim();
  if (trimmed === '') return { ok: false, reason: 'blank-name' };
  const [row] = await db
    .insert(playlists)
    .values({ ownerUserId, name: trimmed })
    .onConflictDoNothing({ target: [playlists.ownerUserId, playlists.name] })
    .returning();
  return row ? { ok: true, playlist: row } : { ok: false, reason: 'name-taken' };
}

export async function listPlaylists(db: Db, ownerUserId: string): Promise<Playlist[]> {
  return db.select().from(playlists).where(eq(playlists.ownerUserId, ownerUserId)).orderBy(asc(playlists.name));
}

export async function getActivePlaylist(db: Db, ownerUserId: string): Promise<Playlist | undefined> {
  const [row] = await db
    .select()
    .from(playlists)
    .where(and(eq(playlists.ownerUserId, ownerUserId), eq(playlists.isActive, true)))
    .limit(1);
  return row;
}

/**
 * Makes `playlistId` the owner's only active playlist (one transaction: the others are switched off
 * first, so the one-active-per-user index never sees two). Returns false if it is not theirs.
 */
export async function setActivePlaylist(db: Db, ownerUserId: string, playlistId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [own] = await tx
      .select({ id: playlists.id })
      .from(playlists)
      .where(and(eq(playlists.id, playlistId), eq(playlists.ownerUserId, ownerUserId)))
      .for('update');
    if (!own) return false;
    await tx
      .update(playlists)
      .set({ isActive: false, updatedAt: sql`now()` })
      .where(and(eq(playlists.ownerUserId, ownerUserId), eq(playlists.isActive, true), ne(playlists.id, playlistId)));
    await tx.update(playlists).set({ isActive: true, updatedAt: sql`now()` }).where(eq(playlists.id, playlistId));
    return true;
  });
}

/** Appends a song at the end; returns its 0-based position. Concurrent appends are serialised on the playlist row. */
export async function appendToPlaylist(db: Db, playlistId: string, songId: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.select({ id: playlists.id }).from(playlists).where(eq(playlists.id, playlistId)).for('update');
    const [next] = await tx
      .select({ position: sql<number>`coalesce(max(${playlistItems.position}) + 1, 0)::int` })
      .from(playlistItems)
      .where(eq(playlistItems.playlistId, playlistId));
    const position = next?.position ?? 0;
    await tx.insert(playlistItems).values({ playlistId, songId, position });
    return position;
  });
}

/** Removes the entry at `position` and closes the gap. Returns false when there was none. */
export async function removeFromPlaylist(db: Db, playlistId: string, position: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.select({ id: playlists.id }).from(playlists).where(eq(playlists.id, playlistId)).for('update');
    const removed = await tx
      .delete(playlistItems)
      .where(and(eq(playlistItems.playlistId, playlistId), eq(playlistItems.position, position)))
      .returning({ id: playlistItems.id });
    if (removed.length === 0) return false;
    // Shift in two steps (up past the end, then back down by one more) so the (playlist, position)
    // unique constraint, checked row by row, holds after every statement.
    const [top] = await tx
      .select({ max: sql<number | null>`max(${playlistItems.position})` })
      .from(playlistItems)
      .where(eq(playlistItems.playlistId, playlistId));
    const shift = (top?.max ?? 0) + 1;
    await tx
      .update(playlistItems)
      .set({ position: sql`${playlistItems.position} + ${shift}` })
      .where(and(eq(playlistItems.playlistId, playlistId), gt(playlistItems.position, position)));
    await tx
      .update(playlistItems)
      .set({ position: sql`${playlistItems.position} - ${shift + 1}` })
      .where(and(eq(playlistItems.playlistId, playlistId), gt(playlistItems.position, shift)));
    return true;
  });
}

export async function listPlaylistSongs(db: Db, playlistId: string): Promise<Array<{ position: number; song: Song }>> {
  const rows = await db
    .select({ position: playlistItems.position, song: songs })
    .from(playlistItems)
    .innerJoin(songs, eq(songs.id, playlistItems.songId))
    .where(eq(playlistItems.playlistId, playlistId))
    .orderBy(asc(playlistItems.position));
  return rows;
}
