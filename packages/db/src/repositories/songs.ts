import { and, arrayContains, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type NewSong, type Song, songs } from '../schema/songs.ts';

/** Genre and style are stored trimmed and lower-case so the filters match whatever the provider wrote. */
export function normaliseLabel(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v ? v : null;
}

type SongInput = Omit<NewSong, 'id' | 'createdAt' | 'updatedAt'> & { providerSongId: string };

/**
 * Inserts or updates a song by (provider, provider song id). Provider callbacks arrive more than once
 * and in any order, so this is idempotent: a later call fills in what an earlier one lacked and never
 * clears a stored audio or cover key.
 */
export async function upsertProviderSong(db: Db, input: SongInput): Promise<Song> {
  const values = { ...input, genre: normaliseLabel(input.genre), style: normaliseLabel(input.style) };
  const [row] = await db
    .insert(songs)
    .values(values)
    .onConflictDoUpdate({
      target: [songs.provider, songs.providerSongId],
      targetWhere: sql`provider_song_id is not null`,
      set: {
        status: sql`excluded.status`,
        title: sql`case when excluded.title <> '' then excluded.title else ${songs.title} end`,
        audioKey: sql`coalesce(excluded.audio_key, ${songs.audioKey})`,
        coverKey: sql`coalesce(excluded.cover_key, ${songs.coverKey})`,
        durationMs: sql`coalesce(excluded.duration_ms, ${songs.durationMs})`,
        tags: sql`case when cardinality(excluded.tags) > 0 then excluded.tags else ${songs.tags} end`,
        genre: sql`coalesce(excluded.genre, ${songs.genre})`,
        style: sql`coalesce(excluded.style, ${songs.style})`,
        model: sql`coalesce(excluded.model, ${songs.model})`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

export async function getSong(db: Db, id: string): Promise<Song | undefined> {
  const [row] = await db.select().from(songs).where(eq(songs.id, id)).limit(1);
  return row;
}

export interface SongFilter {
  ownerUserId?: string;
  genre?: string;
  style?: string;
  tag?: string;
  /** Only songs whose audio is in storage (default true). */
  readyOnly?: boolean;
  limit?: number;
  offset?: number;
}

/** Newest first. Genre/style/tag match case-insensitively (stored normalised). */
export async function listSongs(db: Db, filter: SongFilter = {}): Promise<Song[]> {
  const where: SQL[] = [];
  if (filter.ownerUserId) where.push(eq(songs.ownerUserId, filter.ownerUserId));
  const genre = normaliseLabel(filter.genre);
  if (genre) where.push(eq(songs.genre, genre));
  const style = normaliseLabel(filter.style);
  if (style) where.push(eq(songs.style, style));
  if (filter.tag?.trim()) where.push(arrayContains(songs.tags, [filter.tag.trim()]));
  if (filter.readyOnly !== false) where.push(eq(songs.status, 'ready'));
  return db
    .select()
    .from(songs)
    .where(and(...where))
    .orderBy(desc(songs.createdAt), desc(songs.id))
    .limit(Math.min(Math.max(filter.limit ?? 25, 1), 100))
    .offset(Math.max(filter.offset ?? 0, 0));
}

/** Distinct genres (or styles) with counts, for autocomplete and filter menus. */
export async function listSongLabels(
  db: Db,
  kind: 'genre' | 'style',
  options: { ownerUserId?: string; prefix?: string; limit?: number } = {},
): Promise<Array<{ value: string; count: number }>> {
  const column = kind === 'genre' ? songs.genre : songs.style;
  const where: SQL[] = [sql`${column} is not null`, eq(songs.status, 'ready')];
  if (options.ownerUserId) where.push(eq(songs.ownerUserId, options.ownerUserId));
  const prefix = normaliseLabel(options.prefix);
  if (prefix) where.push(sql`${column} like ${`${prefix.replace(/[\\%_]/g, '\\$&')}%`}`);
  const rows = await db
    .select({ value: sql<string>`${column}`, count: sql<number>`count(*)::int` })
    .from(songs)
    .where(and(...where))
    .groupBy(column)
    .orderBy(desc(sql`count(*)`), column)
    .limit(Math.min(options.limit ?? 25, 25));
  return rows;
}
