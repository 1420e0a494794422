import { defineCommand } from '../define/command.ts';
import { string } from '../define/options.ts';

export const command = defineCommand({
  name: 'remove-from-playlist',
  area: 'studio',
  visibility: 'ephemeral',
  description: 'Take a song out of one of your playlists',
  options: {
    playlist: string({ description: 'Your playlist', required: true, autocomplete: true, maxLength: 100 }),
    song: string({ description: 'Song to remove', required: true, autocomplete: true, maxLength: 200 }),
  },
});

export const { data, options } = command;
