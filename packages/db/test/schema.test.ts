import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

// The migrated database has every table, its key columns, and the unique/partial indexes the
// product relies on. Reads the catalog, so it checks what the migrations really built.

let database: TestDatabase;
let sql: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase();
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end();
  await database?.drop();
});

const TABLES: Record<string, string[]> = {
  users: [
    'id',
    'discord_id',
    'plex_user_id',
    'plex_username',
    'plan',
    'songs_generated',
    'remixes_this_period',
    'usage_period_start',
    'created_at',
    'updated_at',
  ],
  user_settings: ['user_id', 'preferences', 'default_volume'],
  user_provider_keys: ['user_id', 'provider', 'ciphertext', 'iv', 'tag', 'key_version'],
  songs: [
    'id',
    'owner_user_id',
    'provider',
    'provider_task_id',
    'provider_song_id',
    'audio_key',
    'cover_key',
    'title',
    'prompt',
    'tags',
    'genre',
    'style',
    'duration_ms',
    'created_at',
  ],
  playlists: ['id', 'owner_user_id', 'name', 'is_active'],
  playlist_items: ['playlist_id', 'song_id', 'position'],
  guild_queue_state: ['guild_id', 'items', 'current_index', 'position_ms', 'loop_mode', 'volume'],
  plex_servers: ['id', 'machine_identifier'],
  plex_sections: ['id', 'server_id', 'section_key', 'type'],
  plex_artists: ['server_id', 'rating_key', 'title', 'musicbrainz_id', 'thumb', 'deleted_at', 'updated_at'],
  plex_albums: [
    'server_id',
    'rating_key',
    'parent_rating_key',
    'album_artist',
    'musicbrainz_id',
    'leaf_count',
    'thumb',
    'deleted_at',
    'updated_at',
  ],
  plex_tracks: [
    'server_id',
    'rating_key',
    'parent_rating_key',
    'grandparent_rating_key',
    'album_artist',
    'track_artist',
    'musicbrainz_id',
    'duration_ms',
    'thumb',
    'deleted_at',
    'updated_at',
  ],
  plex_users: ['plex_user_id', 'username', 'friendly_name'],
  listening_history: [
    'row_id',
    'plex_user_id',
    'rating_key',
    'parent_rating_key',
    'grandparent_rating_key',
    'started_at',
    'stopped_at',
    'duration_played_s',
    'percent_complete',
    'watched_status',
  ],
  sync_state: ['source', 'cursor', 'last_full_sync_at', 'last_incremental_sync_at', 'counts'],
  remix_jobs: [
    'id',
    'request',
    'status',
    'stem',
    'gain_db',
    'track_rating_key',
    'content_hash',
    'output_key',
    'correlation_id',
    'delivering_at',
    'delivered_at',
    'delivery',
    'error',
    'created_at',
    'started_at',
    'finished_at',
  ],
  stem_cache: ['content_hash', 'model', 'stem', 'storage_key', 'size_bytes', 'created_at', 'last_used_at'],
  monitor_incidents: [
    'id',
    'target',
    'status',
    'opened_at',
    'resolved_at',
    'failure_count',
    'last_error',
    'alert_channel_id',
    'alert_message_id',
    'alert_posting_at',
    'recovery_pending',
    'alert_edited_at',
    'recovery_notice_id',
    'recovery_attempts',
    'last_reminder_at',
    'next_reminder_at',
    'diagnostics',
  ],
  credits_enrichment: [
    'album_rating_key',
    'source',
    'external_id',
    'personnel',
    'summary',
    'summary_written_at',
    'status',
    'created_at',
    'updated_at',
  ],
};

describe('migrated schema', () => {
  it('has exactly the product tables in public', async () => {
    const rows = await sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
    expect(rows.map((r) => r.table_name)).toEqual(Object.keys(TABLES).sort());
  });

  it.each(Object.entries(TABLES))('%s has its key columns', async (table, columns) => {
    const rows = await sql<{ column_name: string }[]>`
      select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table}`;
    const have = new Set(rows.map((r) => r.column_name));
    expect(columns.filter((c) => !have.has(c))).toEqual([]);
  });

  it('has the unique and partial indexes the product relies on', async () => {
    const rows = await sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes where schemaname = 'public'`;
    const defs = new Map(rows.map((r) => [r.indexname, r.indexdef]));
    const expectIndex = (name: string, ...fragments: string[]) => {
      const def = defs.get(name);
      expect(def, `index ${name}`).toBeDefined();
      for (const f of fragments) expect(def).toContain(f);
    };
    expectIndex('users_discord_id_key', 'UNIQUE', '(discord_id)');
    expectIndex('monitor_incidents_one_open_per_target', 'UNIQUE', '(target)', "WHERE (status = 'open'::text)");
    expectIndex('playlists_one_active_per_user', 'UNIQUE', '(owner_user_id)', 'WHERE is_active');
    expectIndex('playlist_items_position_key', 'UNIQUE', '(playlist_id, "position")');
    expectIndex('stem_cache_hash_model_stem_key', 'UNIQUE', '(content_hash, model, stem)');
    expectIndex('listening_history_pkey', 'UNIQUE', '(row_id)');
    expectIndex('listening_history_user_artist_idx', '(plex_user_id, grandparent_rating_key)');
    expectIndex('listening_history_started_idx', '(started_at)');
    expectIndex('plex_tracks_server_rating_key', 'UNIQUE', '(server_id, rating_key)');
    expectIndex('plex_tracks_album_artist_idx', '(server_id, grandparent_rating_key)');
    expectIndex('plex_tracks_track_artist_idx', 'lower(track_artist)');
    expectIndex('songs_genre_idx', '(genre)');
    expectIndex('songs_style_idx', '(style)');
    expectIndex('songs_provider_song_key', 'UNIQUE', 'WHERE (provider_song_id IS NOT NULL)');
    expectIndex('credits_enrichment_album_source_key', 'UNIQUE', '(album_rating_key, source)');
  });

  it('rejects a second open incident for the same target, but not a resolved one', async () => {
    await sql`insert into monitor_incidents (target) values ('plex')`;
    await expect(sql`insert into monitor_incidents (target) values ('plex')`).rejects.toMatchObject({
      code: '23505',
      constraint_name: 'monitor_incidents_one_open_per_target',
    });
    await sql`update monitor_incidents set status = 'resolved', resolved_at = now() where target = 'plex'`;
    await sql`insert into monitor_incidents (target) values ('plex')`;
    const [count] = await sql<{ n: number }[]>`select count(*)::int as n from monitor_incidents where target = 'plex'`;
    expect(count?.n).toBe(2);
  });

  it('rejects a second active playlist for the same user', async () => {
    const [user] = await sql<
      { id: string }[]
    >`insert into users (discord_id) values ('100000000000000001') returning id`;
    await sql`insert into playlists (owner_user_id, name, is_active) values (${user!.id}, 'one', true)`;
    await sql`insert into playlists (owner_user_id, name, is_active) values (${user!.id}, 'two', false)`;
    await expect(
      sql`insert into playlists (owner_user_id, name, is_active) values (${user!.id}, 'three', true)`,
    ).rejects.toMatchObject({ code: '23505', constraint_name: 'playlists_one_active_per_user' });
    await expect(sql`update playlists set is_active = true where name = 'two'`).rejects.toMatchObject({
      code: '23505',
    });
  });

  it('enforces the value checks (plan, loop mode, volume range)', async () => {
    await expect(sql`insert into users (discord_id, plan) values ('100000000000000002', 'gold')`).rejects.toMatchObject(
      {
        code: '23514',
      },
    );
    await expect(
      sql`insert into guild_queue_state (guild_id, loop_mode) values ('1', 'forever')`,
    ).rejects.toMatchObject({
      code: '23514',
    });
    await expect(sql`insert into guild_queue_state (guild_id, volume) values ('1', 201)`).rejects.toMatchObject({
      code: '23514',
    });
    await sql`insert into guild_queue_state (guild_id, volume) values ('1', 200)`;
  });
});
