import { defineCommand } from '../define/command.ts';
import { string } from '../define/options.ts';

export const command = defineCommand({
  name: 'create-playlist',
  area: 'studio',
  visibility: 'ephemeral',
  description: 'Start a new playlist and make it your active one',
  options: {
    name: string({ description: 'Playlist name', required: true, maxLength: 100 }),
  },
});

export const { data, options } = command;
