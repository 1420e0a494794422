import { defineCommand } from '../define/command.ts';
import { string } from '../define/options.ts';

export const command = defineCommand({
  name: 'switch-playlist',
  area: 'studio',
  visibility: 'ephemeral',
  description: 'Make another playlist the active one and queue it',
  options: {
    playlist: string({ description: 'Playlist to switch to', required: true, autocomplete: true, maxLength: 100 }),
  },
});

export const { data, options } = command;
