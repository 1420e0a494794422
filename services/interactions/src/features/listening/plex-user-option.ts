import type { LibraryReads } from './library-reads.ts';
import * as text from './messages.ts';

export type PlexUserChoice =
  | { readonly ok: true; readonly plexUserId: number; readonly name: string; readonly username: string }
  | { readonly ok: false; readonly message: string };

/** A `user` option's value as a Plex user, or what to tell the person (unknown, with close names). */
export async function plexUserOption(library: LibraryReads, value: string): Promise<PlexUserChoice> {
  const found = await library.findPlexUser(value);
  if (found.kind === 'found') {
    return { ok: true, plexUserId: found.plexUserId, name: found.name, username: found.username };
  }
  return { ok: false, message: text.unknownPlexUser(found.text, found.suggestions) };
}
