// What a person meant by a `track` option: a rating key picked from the suggestions, or a title
// typed by hand. An exact title that only one track has, or a text only one title contains, is
// that track; otherwise the person is shown the candidates.

export interface TrackCandidate {
  ratingKey: string;
  title: string;
  artist: string;
  album: string | null;
}

export interface TrackSearch {
  /** Live tracks whose title contains the text, best first. */
  search(text: string, limit: number): Promise<TrackCandidate[]>;
}

export type TrackLookup =
  | { readonly kind: 'found'; readonly ratingKey: string; readonly track: TrackCandidate | undefined }
  | { readonly kind: 'not-found'; readonly text: string; readonly suggestions: readonly string[] }
  | { readonly kind: 'ambiguous'; readonly text: string; readonly suggestions: readonly string[] };

/** A Plex rating key, as the autocomplete sends it (and as the `remix` job takes it). */
const RATING_KEY = /^\d{1,12}$/;
const SUGGESTIONS = 5;

export function trackLabel(track: TrackCandidate): string {
  return `${track.title} — ${track.artist}${track.album ? ` (${track.album})` : ''}`;
}

export async function resolveTrack(deps: TrackSearch, typed: string): Promise<TrackLookup> {
  const text = typed.trim();
  // The worker looks the key up in Plex and says so when it is not there.
  if (RATING_KEY.test(text)) return { kind: 'found', ratingKey: text, track: undefined };
  const matches = text ? await deps.search(text, 25) : [];
  const lowered = text.toLowerCase();
  const exact = matches.filter((t) => t.title.toLowerCase() === lowered);
  const chosen = exact.length === 1 ? exact[0] : matches.length === 1 ? matches[0] : undefined;
  if (chosen) return { kind: 'found', ratingKey: chosen.ratingKey, track: chosen };
  const suggestions = (exact.length > 1 ? exact : matches).slice(0, SUGGESTIONS).map(trackLabel);
  return matches.length === 0 ? { kind: 'not-found', text, suggestions } : { kind: 'ambiguous', text, suggestions };
}
