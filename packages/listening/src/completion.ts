import { findPlexUsers, lastPlaysOfTracks, playsOfTracks } from '@autoalex/db';
import { LISTENED_THRESHOLD } from '@autoalex/terms/listening';
import { byNearness, groupByAlbum, listenedSet, percentOf, toLastPlay } from './albums.ts';
import { resolveArtist } from './artist.ts';
import { validThreshold } from './threshold.ts';
import type { AlbumProgress, CompletionResult, ListeningDeps } from './types.ts';
import { toUserRef } from './users.ts';

export interface CompletionInput {
  /** An artist name, or an autocomplete value (`artist:<ratingKey>`). */
  artist: string;
  /** Tautulli user id (plex_users.plex_user_id). */
  plexUserId: number;
  /** LISTENED_THRESHOLD in percent (default 50). */
  threshold?: number;
}

/**
 * How much of an artist a user has heard (ADR 0142): the share of the artist's live tracks with at
 * least one play that counts as listened, per album, the albums in progress (nearest to complete
 * first), the finished ones and the last play. Answered from Postgres only.
 */
export async function completion(deps: ListeningDeps, input: CompletionInput): Promise<CompletionResult> {
  const threshold = validThreshold(input.threshold ?? LISTENED_THRESHOLD.default);
  const [users, resolved] = await Promise.all([
    findPlexUsers(deps.db, [input.plexUserId]),
    resolveArtist(deps.db, input.artist),
  ]);
  const user = users[0];
  if (!user) return { kind: 'unknown-user', plexUserId: input.plexUserId };
  if (resolved.kind !== 'artist') return resolved;

  const trackIds = resolved.tracks.map((t) => t.trackId);
  const [plays, last] = await Promise.all([
    playsOfTracks(deps.db, [user.plexUserId], trackIds, threshold),
    lastPlaysOfTracks(deps.db, [user.plexUserId], trackIds),
  ]);
  const listened = listenedSet(plays, user.plexUserId);
  const albums: AlbumProgress[] = groupByAlbum(resolved.tracks).map((group) => {
    const count = group.trackIds.filter((id) => listened.has(id)).length;
    return {
      ratingKey: group.ratingKey,
      title: group.title,
      year: group.year,
      thumb: group.thumb,
      albumArtist: group.albumArtist,
      listened: count,
      total: group.trackIds.length,
      percent: percentOf(count, group.trackIds.length),
    };
  });
  const byId = new Map(resolved.tracks.map((t) => [t.trackId, t]));
  return {
    kind: 'completion',
    artist: resolved.artist,
    user: toUserRef(user),
    threshold,
    listened: listened.size,
    total: trackIds.length,
    percent: percentOf(listened.size, trackIds.length),
    albums,
    inProgress: albums.filter((a) => a.listened > 0 && a.listened < a.total).sort(byNearness),
    finished: albums.filter((a) => a.listened === a.total),
    notStarted: albums.filter((a) => a.listened === 0).length,
    lastPlay: toLastPlay(last[0], byId, threshold),
  };
}
