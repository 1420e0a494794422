-- pg_trgm backs the substring indexes of autocomplete (ADR 0143). It is a trusted extension (PostgreSQL 13+):
-- the database owner may create it; the Compose and embedded PostgreSQL ship it in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "listening_history" ADD COLUMN "original_title" text;--> statement-breakpoint
ALTER TABLE "listening_history" ADD COLUMN "media_index" integer;--> statement-breakpoint
ALTER TABLE "listening_history" ADD COLUMN "parent_media_index" integer;--> statement-breakpoint
ALTER TABLE "listening_history" ADD COLUMN "track_id" integer;--> statement-breakpoint
CREATE INDEX "listening_history_track_user_idx" ON "listening_history" USING btree ("track_id","plex_user_id");--> statement-breakpoint
CREATE INDEX "listening_history_unlinked_idx" ON "listening_history" USING btree ("plex_user_id") WHERE "listening_history"."track_id" is null;--> statement-breakpoint
CREATE INDEX "plex_artists_title_trgm_idx" ON "plex_artists" USING gin (lower("title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "plex_tracks_musicbrainz_idx" ON "plex_tracks" USING btree ("musicbrainz_id");--> statement-breakpoint
CREATE INDEX "plex_tracks_title_trgm_idx" ON "plex_tracks" USING gin (lower("title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "plex_tracks_track_artist_trgm_idx" ON "plex_tracks" USING gin (lower("track_artist") gin_trgm_ops) WHERE "plex_tracks"."track_artist" is not null;