import { defineCommand } from '../define/command.ts';
import { picked } from '../define/options.ts';

export const command = defineCommand({
  name: 'switch-playlist',
  area: 'studio',
  visibility: 'ephemeral',
  description: 'Make another playlist the active one and queue it',
  options: {
    playlist: picked({ description: 'Playlist to switch to', required: true }),
  },
});

export const { data, options } = command;
