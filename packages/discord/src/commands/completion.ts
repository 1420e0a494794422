import { defineCommand } from '../define/command.ts';
import { string } from '../define/options.ts';

export const command = defineCommand({
  name: 'completion',
  area: 'library',
  description: "How much of an artist's discography has been heard, album by album",
  options: {
    artist: string({ description: 'Artist in the Plex library', required: true, autocomplete: true, maxLength: 100 }),
    user: string({ description: 'Plex user (default: you)', autocomplete: true, maxLength: 100 }),
  },
});

export const { data, options } = command;
