// What a person meant by a `user` option: a Plex user id picked from the suggestions, or a name
// typed by hand. Exact names win; a name that matches exactly one user is that user.

export interface PlexUserCandidate {
  plexUserId: number;
  username: string;
  friendlyName: string | null;
}

export interface PlexUserSearch {
  /** Plex users by id (unknown ids are absent). */
  byIds(ids: readonly number[]): Promise<PlexUserCandidate[]>;
  /** Plex users whose username or friendly name contains the text, best first. */
  search(text: string, limit: number): Promise<PlexUserCandidate[]>;
}

export type PlexUserLookup =
  | { readonly kind: 'found'; readonly plexUserId: number; readonly name: string; readonly username: string }
  | { readonly kind: 'not-found'; readonly text: string; readonly suggestions: readonly string[] };

const ID = /^\d{1,10}$/;
const SUGGESTIONS = 5;

export function plexUserName(user: PlexUserCandidate): string {
  return user.friendlyName?.trim() || user.username;
}

function label(user: PlexUserCandidate): string {
  const name = plexUserName(user);
  return name === user.username ? name : `${name} (${user.username})`;
}

export async function resolvePlexUser(deps: PlexUserSearch, typed: string): Promise<PlexUserLookup> {
  const text = typed.trim();
  if (ID.test(text)) {
    const [byId] = await deps.byIds([Number(text)]);
    if (byId) return found(byId);
  }
  const matches = text ? await deps.search(text, 25) : [];
  const lowered = text.toLowerCase();
  const exact =
    matches.filter((u) => u.username.toLowerCase() === lowered).at(0) ??
    only(matches.filter((u) => u.friendlyName?.trim().toLowerCase() === lowered)) ??
    only(matches);
  if (exact) return found(exact);
  return { kind: 'not-found', text, suggestions: matches.slice(0, SUGGESTIONS).map(label) };
}

function found(user: PlexUserCandidate): PlexUserLookup {
  return { kind: 'found', plexUserId: user.plexUserId, name: plexUserName(user), username: user.username };
}

function only<T>(list: readonly T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}
