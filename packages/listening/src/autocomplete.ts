import { searchArtistNames, searchPlexUsers, searchTracks } from '@autoalex/db';
import { ARTIST_VALUE_PREFIX } from './artist.ts';
import type { ListeningDeps } from './types.ts';

/** A Discord autocomplete choice: at most 25 per answer, name and value 1–100 characters. */
export interface Choice {
  name: string;
  value: string;
}

export const MAX_CHOICES = 25;
const MAX_LENGTH = 100;

/** Cuts to 100 characters (by code point, so no half emoji), ending with "…" when cut. */
export function fitChoiceText(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const points = [...clean];
  return points.length <= MAX_LENGTH ? clean : `${points.slice(0, MAX_LENGTH - 1).join('')}…`;
}

const limit = (value: string) => value.slice(0, 200);

/**
 * Artists whose name contains the text: Plex artists (value `artist:<ratingKey>`) and names known
 * only as track artists (value: the name; left out when longer than 100 characters).
 */
export async function artistChoices(deps: ListeningDeps, text: string): Promise<Choice[]> {
  const matches = await searchArtistNames(deps.db, limit(text), MAX_CHOICES);
  const choices: Choice[] = [];
  for (const m of matches) {
    const name = fitChoiceText(m.name);
    if (!name) continue;
    if (m.ratingKey !== undefined) choices.push({ name, value: `${ARTIST_VALUE_PREFIX}${m.ratingKey}` });
    else if ([...m.name].length <= MAX_LENGTH) choices.push({ name, value: m.name });
  }
  return choices;
}

/** Plex users (as Tautulli lists them) by username or friendly name; the value is the Plex user id. */
export async function plexUserChoices(deps: ListeningDeps, text: string): Promise<Choice[]> {
  const users = await searchPlexUsers(deps.db, limit(text), MAX_CHOICES);
  return users.map((u) => ({
    name: fitChoiceText(
      u.friendlyName && u.friendlyName !== u.username ? `${u.friendlyName} (${u.username})` : u.username,
    ),
    value: String(u.plexUserId),
  }));
}

/** Tracks by title, shown as "Title — Artist (Album)"; the value is the rating key. */
export async function trackChoices(deps: ListeningDeps, text: string): Promise<Choice[]> {
  const tracks = await searchTracks(deps.db, limit(text), MAX_CHOICES);
  return tracks.map((t) => ({
    name: fitChoiceText(`${t.title} — ${t.artist}${t.album ? ` (${t.album})` : ''}`),
    value: t.ratingKey,
  }));
}
