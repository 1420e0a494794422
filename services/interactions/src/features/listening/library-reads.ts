import { type Db, findPlexUsers, getUserByDiscordId, searchPlexUsers } from '@autoalex/db';
import {
  artistChoices,
  type Choice,
  type CompareResult,
  type CompletionResult,
  compare,
  completion,
  plexUserChoices,
} from '@autoalex/listening';
import { type PlexUserLookup, resolvePlexUser } from './resolve-plex-user.ts';

/**
 * What the listening commands read, all from Postgres (the mirror the library-worker keeps): Discord
 * never waits for Plex or Tautulli here. Handlers get this interface; tests give them a fake. (The
 * remix commands read their tracks from the same mirror: features/remix/deps.ts.)
 */
export interface LibraryReads {
  /** An artist (autocomplete value `artist:<key>` or a name) for one Plex user, at LISTENED_THRESHOLD. */
  completion(input: { artist: string; plexUserId: number }): Promise<CompletionResult>;
  compare(input: { artist: string; userA: number; userB: number }): Promise<CompareResult>;
  artistChoices(text: string): Promise<Choice[]>;
  plexUserChoices(text: string): Promise<Choice[]>;
  /** The Plex user a Discord user has linked (users.plex_user_id), if any. */
  linkedPlexUser(discordId: string): Promise<number | undefined>;
  /** A `user` option's value: a picked Plex user id or a typed name. */
  findPlexUser(text: string): Promise<PlexUserLookup>;
}

export function createLibraryReads(db: Db, options: { threshold: number }): LibraryReads {
  const deps = { db };
  return {
    completion: (input) => completion(deps, { ...input, threshold: options.threshold }),
    compare: (input) => compare(deps, { ...input, threshold: options.threshold }),
    artistChoices: (text) => artistChoices(deps, text),
    plexUserChoices: (text) => plexUserChoices(deps, text),
    async linkedPlexUser(discordId) {
      return (await getUserByDiscordId(db, discordId))?.plexUserId ?? undefined;
    },
    findPlexUser: (text) =>
      resolvePlexUser({ byIds: (ids) => findPlexUsers(db, ids), search: (t, n) => searchPlexUsers(db, t, n) }, text),
  };
}
