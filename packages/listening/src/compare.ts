import { findPlexUsers, lastPlaysOfTracks, playsOfTracks } from '@autoalex/db';
import { LISTENED_THRESHOLD } from '@autoalex/terms/listening';
import { groupByAlbum, listenedSet, percentOf, toLastPlay } from './albums.ts';
import { resolveArtist } from './artist.ts';
import { validThreshold } from './threshold.ts';
import type { CompareAlbum, CompareResult, ListeningDeps } from './types.ts';
import { toUserRef } from './users.ts';

export interface CompareInput {
  artist: string;
  userA: number;
  userB: number;
  threshold?: number;
}

/**
 * Two users side by side on one artist (a "listening battle"): tracks listened, share, finished
 * albums, last play, who leads and by how many tracks, and the albums one has finished and the
 * other not. Same rules as `completion`.
 */
export async function compare(deps: ListeningDeps, input: CompareInput): Promise<CompareResult> {
  const threshold = validThreshold(input.threshold ?? LISTENED_THRESHOLD.default);
  const [users, resolved] = await Promise.all([
    findPlexUsers(deps.db, [input.userA, input.userB]),
    resolveArtist(deps.db, input.artist),
  ]);
  const userA = users.find((u) => u.plexUserId === input.userA);
  const userB = users.find((u) => u.plexUserId === input.userB);
  if (!userA) return { kind: 'unknown-user', plexUserId: input.userA };
  if (!userB) return { kind: 'unknown-user', plexUserId: input.userB };
  if (resolved.kind !== 'artist') return resolved;

  const ids = [...new Set([userA.plexUserId, userB.plexUserId])];
  const trackIds = resolved.tracks.map((t) => t.trackId);
  const [plays, last] = await Promise.all([
    playsOfTracks(deps.db, ids, trackIds, threshold),
    lastPlaysOfTracks(deps.db, ids, trackIds),
  ]);
  const heardA = listenedSet(plays, userA.plexUserId);
  const heardB = listenedSet(plays, userB.plexUserId);
  const albums: CompareAlbum[] = groupByAlbum(resolved.tracks).map((g) => ({
    ratingKey: g.ratingKey,
    title: g.title,
    year: g.year,
    thumb: g.thumb,
    total: g.trackIds.length,
    a: g.trackIds.filter((id) => heardA.has(id)).length,
    b: g.trackIds.filter((id) => heardB.has(id)).length,
  }));
  const byId = new Map(resolved.tracks.map((t) => [t.trackId, t]));
  const side = (user: typeof userA, heard: Set<number>, pick: 'a' | 'b') => ({
    user: toUserRef(user),
    listened: heard.size,
    percent: percentOf(heard.size, trackIds.length),
    finishedAlbums: albums.filter((al) => al[pick] === al.total).length,
    lastPlay: toLastPlay(
      last.find((l) => l.plexUserId === user.plexUserId),
      byId,
      threshold,
    ),
  });
  const margin = Math.abs(heardA.size - heardB.size);
  return {
    kind: 'compare',
    artist: resolved.artist,
    threshold,
    total: trackIds.length,
    a: side(userA, heardA, 'a'),
    b: side(userB, heardB, 'b'),
    leader: heardA.size > heardB.size ? 'a' : heardB.size > heardA.size ? 'b' : 'tie',
    margin,
    albums,
    finishedOnlyByA: albums.filter((al) => al.a === al.total && al.b < al.total),
    finishedOnlyByB: albums.filter((al) => al.b === al.total && al.a < al.total),
  };
}
