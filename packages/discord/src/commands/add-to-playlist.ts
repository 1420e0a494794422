import { defineCommand } from '../define/command.ts';
import { string } from '../define/options.ts';

export const command = defineCommand({
  name: 'add-to-playlist',
  area: 'studio',
  visibility: 'ephemeral',
  description: 'Add a song to one of your playlists',
  options: {
    playlist: string({ description: 'Your playlist', required: true, autocomplete: true, maxLength: 100 }),
    song: string({ description: 'Song to add (default: the one playing now)', autocomplete: true, maxLength: 200 }),
  },
});

export const { data, options } = command;
