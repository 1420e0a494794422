CREATE TABLE "credits_enrichment" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "credits_enrichment_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"album_rating_key" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"personnel" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text,
	"summary_written_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credits_enrichment_album_source_key" UNIQUE("album_rating_key","source"),
	CONSTRAINT "credits_enrichment_source_check" CHECK (source in ('musicbrainz', 'discogs')),
	CONSTRAINT "credits_enrichment_status_check" CHECK (status in ('pending', 'matched', 'not_found', 'written', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "guild_queue_state" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"voice_channel_id" text,
	"text_channel_id" text,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"current_index" integer,
	"position_ms" bigint DEFAULT 0 NOT NULL,
	"loop_mode" text DEFAULT 'off' NOT NULL,
	"volume" integer DEFAULT 100 NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guild_queue_state_loop_mode_check" CHECK (loop_mode in ('off', 'track', 'queue')),
	CONSTRAINT "guild_queue_state_volume_range" CHECK ("guild_queue_state"."volume" between 0 and 200),
	CONSTRAINT "guild_queue_state_position_nonnegative" CHECK ("guild_queue_state"."position_ms" >= 0),
	CONSTRAINT "guild_queue_state_current_index_nonnegative" CHECK ("guild_queue_state"."current_index" is null or "guild_queue_state"."current_index" >= 0)
);
--> statement-breakpoint
CREATE TABLE "listening_history" (
	"row_id" bigint PRIMARY KEY NOT NULL,
	"plex_user_id" integer NOT NULL,
	"media_type" text NOT NULL,
	"rating_key" text NOT NULL,
	"parent_rating_key" text,
	"grandparent_rating_key" text,
	"title" text,
	"parent_title" text,
	"grandparent_title" text,
	"started_at" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone,
	"duration_played_s" integer DEFAULT 0 NOT NULL,
	"percent_complete" integer DEFAULT 0 NOT NULL,
	"watched_status" double precision DEFAULT 0 NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plex_users" (
	"plex_user_id" integer PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"friendly_name" text,
	"thumb" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitor_incidents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "monitor_incidents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"target" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"failure_count" integer DEFAULT 1 NOT NULL,
	"last_error" text,
	"alert_channel_id" text,
	"alert_message_id" text,
	"last_reminder_at" timestamp with time zone,
	"next_reminder_at" timestamp with time zone,
	"reminder_count" integer DEFAULT 0 NOT NULL,
	"diagnostics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitor_incidents_status_check" CHECK (status in ('open', 'resolved')),
	CONSTRAINT "monitor_incidents_resolved_consistent" CHECK ((status = 'resolved') = (resolved_at is not null))
);
--> statement-breakpoint
CREATE TABLE "playlist_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "playlist_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"playlist_id" uuid NOT NULL,
	"song_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playlist_items_position_key" UNIQUE("playlist_id","position"),
	CONSTRAINT "playlist_items_position_nonnegative" CHECK ("playlist_items"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "playlists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_active" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playlists_owner_name_key" UNIQUE("owner_user_id","name"),
	CONSTRAINT "playlists_name_not_blank" CHECK (length(trim("playlists"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "plex_albums" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plex_albums_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"server_id" integer NOT NULL,
	"section_id" integer,
	"rating_key" text NOT NULL,
	"title" text NOT NULL,
	"thumb" text,
	"added_at" timestamp with time zone,
	"plex_updated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"parent_rating_key" text,
	"album_artist" text,
	"year" integer,
	"musicbrainz_id" text,
	"leaf_count" integer,
	"duration_ms" integer,
	"summary" text,
	CONSTRAINT "plex_albums_server_rating_key" UNIQUE("server_id","rating_key")
);
--> statement-breakpoint
CREATE TABLE "plex_artists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plex_artists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"server_id" integer NOT NULL,
	"section_id" integer,
	"rating_key" text NOT NULL,
	"title" text NOT NULL,
	"thumb" text,
	"added_at" timestamp with time zone,
	"plex_updated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"sort_title" text,
	"musicbrainz_id" text,
	"child_count" integer,
	CONSTRAINT "plex_artists_server_rating_key" UNIQUE("server_id","rating_key")
);
--> statement-breakpoint
CREATE TABLE "plex_sections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plex_sections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"server_id" integer NOT NULL,
	"section_key" text NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"agent" text,
	"plex_updated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "plex_sections_server_section_key" UNIQUE("server_id","section_key")
);
--> statement-breakpoint
CREATE TABLE "plex_servers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plex_servers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"machine_identifier" text NOT NULL,
	"name" text,
	"version" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "plex_servers_machine_identifier_key" UNIQUE("machine_identifier")
);
--> statement-breakpoint
CREATE TABLE "plex_tracks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plex_tracks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"server_id" integer NOT NULL,
	"section_id" integer,
	"rating_key" text NOT NULL,
	"title" text NOT NULL,
	"thumb" text,
	"added_at" timestamp with time zone,
	"plex_updated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"parent_rating_key" text,
	"grandparent_rating_key" text,
	"album_title" text,
	"album_artist" text,
	"track_artist" text,
	"track_number" integer,
	"disc_number" integer,
	"musicbrainz_id" text,
	"duration_ms" integer,
	"part_key" text,
	CONSTRAINT "plex_tracks_server_rating_key" UNIQUE("server_id","rating_key")
);
--> statement-breakpoint
CREATE TABLE "remix_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requested_by_user_id" uuid,
	"guild_id" text,
	"channel_id" text,
	"message_id" text,
	"request" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"stem" text NOT NULL,
	"gain_db" real DEFAULT 0 NOT NULL,
	"track_rating_key" text NOT NULL,
	"content_hash" text,
	"output_key" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"timings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "remix_jobs_status_check" CHECK (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
	CONSTRAINT "remix_jobs_stem_check" CHECK (stem in ('vocals', 'drums', 'bass', 'other', 'no_vocals'))
);
--> statement-breakpoint
CREATE TABLE "stem_cache" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stem_cache_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"content_hash" text NOT NULL,
	"model" text NOT NULL,
	"stem" text NOT NULL,
	"storage_key" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stem_cache_hash_model_stem_key" UNIQUE("content_hash","model","stem"),
	CONSTRAINT "stem_cache_size_nonnegative" CHECK ("stem_cache"."size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "songs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_task_id" text NOT NULL,
	"provider_song_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"audio_key" text,
	"cover_key" text,
	"title" text DEFAULT '' NOT NULL,
	"prompt" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"genre" text,
	"style" text,
	"model" text,
	"instrumental" boolean DEFAULT false NOT NULL,
	"duration_ms" integer,
	"guild_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "songs_status_check" CHECK (status in ('pending', 'streaming', 'ready', 'failed')),
	CONSTRAINT "songs_duration_nonnegative" CHECK ("songs"."duration_ms" is null or "songs"."duration_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"source" text PRIMARY KEY NOT NULL,
	"cursor" text,
	"last_full_sync_at" timestamp with time zone,
	"last_incremental_sync_at" timestamp with time zone,
	"last_error" text,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_provider_keys" (
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"iv" "bytea" NOT NULL,
	"tag" "bytea" NOT NULL,
	"key_version" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_provider_keys_pkey" PRIMARY KEY("user_id","provider"),
	CONSTRAINT "user_provider_keys_iv_length" CHECK (octet_length("user_provider_keys"."iv") = 12),
	CONSTRAINT "user_provider_keys_tag_length" CHECK (octet_length("user_provider_keys"."tag") = 16)
);
--> statement-breakpoint
CREATE TABLE "user_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"default_volume" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_settings_default_volume_range" CHECK ("user_settings"."default_volume" between 0 and 200)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"discord_id" text NOT NULL,
	"discord_username" text,
	"plex_user_id" integer,
	"plex_username" text,
	"plan" text DEFAULT 'free' NOT NULL,
	"songs_generated" integer DEFAULT 0 NOT NULL,
	"remixes_this_period" integer DEFAULT 0 NOT NULL,
	"usage_period_start" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_plan_check" CHECK (plan in ('free', 'plus', 'admin')),
	CONSTRAINT "users_usage_nonnegative" CHECK ("users"."songs_generated" >= 0 and "users"."remixes_this_period" >= 0)
);
--> statement-breakpoint
ALTER TABLE "playlist_items" ADD CONSTRAINT "playlist_items_playlist_id_playlists_id_fk" FOREIGN KEY ("playlist_id") REFERENCES "public"."playlists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playlist_items" ADD CONSTRAINT "playlist_items_song_id_songs_id_fk" FOREIGN KEY ("song_id") REFERENCES "public"."songs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playlists" ADD CONSTRAINT "playlists_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plex_albums" ADD CONSTRAINT "plex_albums_server_id_plex_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."plex_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plex_albums" ADD CONSTRAINT "plex_albums_section_id_plex_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."plex_sections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plex_artists" ADD CONSTRAINT "plex_artists_server_id_plex_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."plex_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plex_artists" ADD CONSTRAINT "plex_artists_section_id_plex_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."plex_sections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plex_sections" ADD CONSTRAINT "plex_sections_server_id_plex_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."plex_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plex_tracks" ADD CONSTRAINT "plex_tracks_server_id_plex_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."plex_servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plex_tracks" ADD CONSTRAINT "plex_tracks_section_id_plex_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."plex_sections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remix_jobs" ADD CONSTRAINT "remix_jobs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "songs" ADD CONSTRAINT "songs_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_provider_keys" ADD CONSTRAINT "user_provider_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credits_enrichment_status_idx" ON "credits_enrichment" USING btree ("status");--> statement-breakpoint
CREATE INDEX "listening_history_user_artist_idx" ON "listening_history" USING btree ("plex_user_id","grandparent_rating_key");--> statement-breakpoint
CREATE INDEX "listening_history_started_idx" ON "listening_history" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "listening_history_user_started_idx" ON "listening_history" USING btree ("plex_user_id","started_at");--> statement-breakpoint
CREATE INDEX "listening_history_rating_key_idx" ON "listening_history" USING btree ("rating_key");--> statement-breakpoint
CREATE UNIQUE INDEX "monitor_incidents_one_open_per_target" ON "monitor_incidents" USING btree ("target") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "monitor_incidents_target_opened_idx" ON "monitor_incidents" USING btree ("target","opened_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "playlist_items_song_idx" ON "playlist_items" USING btree ("song_id");--> statement-breakpoint
CREATE UNIQUE INDEX "playlists_one_active_per_user" ON "playlists" USING btree ("owner_user_id") WHERE "playlists"."is_active";--> statement-breakpoint
CREATE INDEX "plex_albums_parent_idx" ON "plex_albums" USING btree ("server_id","parent_rating_key");--> statement-breakpoint
CREATE INDEX "plex_albums_title_idx" ON "plex_albums" USING btree (lower("title"));--> statement-breakpoint
CREATE INDEX "plex_artists_title_idx" ON "plex_artists" USING btree (lower("title"));--> statement-breakpoint
CREATE INDEX "plex_artists_musicbrainz_idx" ON "plex_artists" USING btree ("musicbrainz_id");--> statement-breakpoint
CREATE INDEX "plex_tracks_album_artist_idx" ON "plex_tracks" USING btree ("server_id","grandparent_rating_key");--> statement-breakpoint
CREATE INDEX "plex_tracks_album_idx" ON "plex_tracks" USING btree ("server_id","parent_rating_key");--> statement-breakpoint
CREATE INDEX "plex_tracks_track_artist_idx" ON "plex_tracks" USING btree (lower("track_artist")) WHERE "plex_tracks"."track_artist" is not null;--> statement-breakpoint
CREATE INDEX "plex_tracks_title_idx" ON "plex_tracks" USING btree (lower("title"));--> statement-breakpoint
CREATE INDEX "remix_jobs_status_idx" ON "remix_jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "remix_jobs_user_idx" ON "remix_jobs" USING btree ("requested_by_user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stem_cache_last_used_idx" ON "stem_cache" USING btree ("last_used_at");--> statement-breakpoint
CREATE UNIQUE INDEX "songs_provider_song_key" ON "songs" USING btree ("provider","provider_song_id") WHERE "songs"."provider_song_id" is not null;--> statement-breakpoint
CREATE INDEX "songs_provider_task_idx" ON "songs" USING btree ("provider","provider_task_id");--> statement-breakpoint
CREATE INDEX "songs_owner_created_idx" ON "songs" USING btree ("owner_user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "songs_genre_idx" ON "songs" USING btree ("genre");--> statement-breakpoint
CREATE INDEX "songs_style_idx" ON "songs" USING btree ("style");--> statement-breakpoint
CREATE INDEX "songs_tags_idx" ON "songs" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "users_discord_id_key" ON "users" USING btree ("discord_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_plex_user_id_key" ON "users" USING btree ("plex_user_id") WHERE "users"."plex_user_id" is not null;