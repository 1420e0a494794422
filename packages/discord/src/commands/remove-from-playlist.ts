import { defineCommand } from '../define/command.ts';
import { picked } from '../define/options.ts';
import { ownPlaylist } from '../shared-options.ts';

export const command = defineCommand({
  name: 'remove-from-playlist',
  area: 'studio',
  visibility: 'ephemeral',
  description: 'Take a song out of one of your playlists',
  options: {
    playlist: ownPlaylist,
    song: picked({ description: 'Song to remove', required: true, maxLength: 200 }),
  },
});

export const { data, options } = command;
