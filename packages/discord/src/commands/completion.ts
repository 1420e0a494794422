import { defineCommand } from '../define/command.ts';
import { picked } from '../define/options.ts';
import { libraryArtist } from '../shared-options.ts';

export const command = defineCommand({
  name: 'completion',
  area: 'library',
  description: "How much of an artist's discography has been heard, album by album",
  options: {
    artist: libraryArtist,
    user: picked({ description: 'Plex user (default: you)' }),
  },
});

export const { data, options } = command;
