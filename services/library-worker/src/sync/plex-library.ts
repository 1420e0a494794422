import type { Logger } from '@autoalex/contracts';
import {
  type Db,
  type PlexTrackInput,
  softDeleteUnseen,
  upsertPlexAlbums,
  upsertPlexArtists,
  upsertPlexSections,
  upsertPlexServer,
  upsertPlexTracks,
} from '@autoalex/db';
import type { PlexClient, PlexTrack } from '@autoalex/plex';
import type { SyncTracker } from './tracker.ts';

export interface PlexLibraryDeps {
  db: Db;
  plex: PlexClient;
  logger: Logger;
  tracker: SyncTracker;
  signal?: AbortSignal;
}

export interface PlexLibraryResult {
  serverId: number;
  machineIdentifier: string;
  sections: number;
  /** Items Plex listed. */
  listed: { artists: number; albums: number; tracks: number };
  /** Rows inserted or changed in the mirror. */
  written: { artists: number; albums: number; tracks: number };
  /** Rows soft-deleted because Plex no longer lists them. */
  deleted: { artists: number; albums: number; tracks: number };
  ms: number;
}

const CHUNK = 1000;

function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('library sync aborted');
}

/** What every listed item stores: its key, title and section. */
function listedItem(item: { ratingKey: string; title: string }, sectionId: number | null) {
  return { ratingKey: item.ratingKey, title: item.title, sectionId };
}

export function toTrackInput(track: PlexTrack, sectionId: number | null): PlexTrackInput {
  return {
    ...listedItem(track, sectionId),
    albumRatingKey: track.albumRatingKey,
    albumTitle: track.album,
    artistRatingKey: track.albumArtistRatingKey,
    albumArtist: track.albumArtist,
    trackArtist: track.trackArtist ?? null,
    trackNumber: track.index ?? null,
    discNumber: track.disc ?? null,
    musicbrainzId: track.mbid ?? null,
    durationMs: track.durationMs ?? null,
    partKey: track.parts[0]?.key ?? null,
    thumb: track.thumb ?? null,
  };
}

/** Writes `items` CHUNK rows at a time (stopping between chunks when aborted); rows inserted or changed. */
async function writeInChunks<T>(
  items: readonly T[],
  signal: AbortSignal | undefined,
  write: (chunk: readonly T[]) => Promise<{ inserted: number; updated: number }>,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < items.length; i += CHUNK) {
    stopIfAborted(signal);
    const counts = await write(items.slice(i, i + CHUNK));
    written += counts.inserted + counts.updated;
  }
  return written;
}

/**
 * Mirrors every music section of the server: artists, albums, then tracks page by page (the next page
 * is fetched while the current one is written). Plex cannot list what changed since a time, nor what
 * was deleted, so every sync lists the whole library; unchanged rows are not written (so an
 * incremental pass over an unchanged library writes nothing), and what Plex no longer lists is
 * soft-deleted once every listing has finished. A failed listing deletes nothing.
 */
export async function syncPlexLibrary(deps: PlexLibraryDeps): Promise<PlexLibraryResult> {
  const { db, plex, logger, tracker, signal } = deps;
  const started = performance.now();
  const identity = await plex.identity();
  const serverId = await upsertPlexServer(db, {
    machineIdentifier: identity.machineIdentifier,
    version: identity.version,
  });
  const sections = await plex.sections();
  const sectionIds = await upsertPlexSections(
    db,
    serverId,
    sections.map((s) => ({ sectionKey: s.id, title: s.title, type: s.type, agent: s.agent ?? null })),
  );
  const seen = { artists: new Set<string>(), albums: new Set<string>(), tracks: new Set<string>() };
  const written = { artists: 0, albums: 0, tracks: 0 };

  for (const section of sections) {
    const sectionId = sectionIds.get(section.id) ?? null;
    const log = logger.child({ section: section.title });

    tracker.phase(`plex:artists (${section.title})`);
    const artists = await plex.artists(section.id);
    written.artists += await writeInChunks(artists, signal, (chunk) =>
      upsertPlexArtists(
        db,
        serverId,
        chunk.map((a) => ({
          ...listedItem(a, sectionId),
          thumb: a.thumb ?? null,
          musicbrainzId: a.mbid ?? null,
          addedAt: a.addedAt ?? null,
        })),
      ),
    );
    for (const a of artists) seen.artists.add(a.ratingKey);
    tracker.add('artists', artists.length);

    tracker.phase(`plex:albums (${section.title})`);
    const albums = await plex.albums(section.id);
    written.albums += await writeInChunks(albums, signal, (chunk) =>
      upsertPlexAlbums(
        db,
        serverId,
        chunk.map((a) => ({
          ...listedItem(a, sectionId),
          artistRatingKey: a.artistRatingKey ?? null,
          albumArtist: a.artist ?? null,
          year: a.year ?? null,
          musicbrainzId: a.mbid ?? null,
          leafCount: a.trackCount ?? null,
          summary: a.summary ?? null,
          thumb: a.thumb ?? null,
        })),
      ),
    );
    for (const a of albums) seen.albums.add(a.ratingKey);
    tracker.add('albums', albums.length);
    log.info({ artists: artists.length, albums: albums.length }, 'plex artists and albums listed');

    tracker.phase(`plex:tracks (${section.title})`);
    const pages = plex.trackPages(section.id);
    let next = pages.next();
    let listed = 0;
    for (;;) {
      const page = await next;
      if (page.done) break;
      next = pages.next(); // fetch the next page while this one is written
      next.catch(() => {}); // surfaced when awaited
      stopIfAborted(signal);
      const counts = await upsertPlexTracks(
        db,
        serverId,
        page.value.map((t) => toTrackInput(t, sectionId)),
      );
      written.tracks += counts.inserted + counts.updated;
      for (const t of page.value) seen.tracks.add(t.ratingKey);
      listed += page.value.length;
      tracker.add('tracks', page.value.length);
      if (listed % 10_000 < page.value.length) log.info({ tracks: listed }, 'plex tracks so far');
    }
    log.info({ tracks: listed }, 'plex tracks listed');
  }

  stopIfAborted(signal);
  tracker.phase('plex:deletions');
  const deleted = {
    tracks: await softDeleteUnseen(db, 'tracks', serverId, seen.tracks),
    albums: await softDeleteUnseen(db, 'albums', serverId, seen.albums),
    artists: await softDeleteUnseen(db, 'artists', serverId, seen.artists),
  };
  const result: PlexLibraryResult = {
    serverId,
    machineIdentifier: identity.machineIdentifier,
    sections: sections.length,
    listed: { artists: seen.artists.size, albums: seen.albums.size, tracks: seen.tracks.size },
    written,
    deleted,
    ms: Math.round(performance.now() - started),
  };
  logger.info(result, 'plex library synced');
  return result;
}
