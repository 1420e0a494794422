// Options several commands share, declared once: the same name picked the same way everywhere.
import { picked } from './define/options.ts';

/** A track of the Plex library (autocompleted; the ref the list puts in the value, or a typed title). */
export const libraryTrack = picked({ description: 'Track in the Plex library', required: true });

/** An artist of the Plex library. */
export const libraryArtist = picked({ description: 'Artist in the Plex library', required: true });

/** One of the caller's playlists. */
export const ownPlaylist = picked({ description: 'Your playlist', required: true });
