import { defineCommand } from '../define/command.ts';
import { picked } from '../define/options.ts';
import { ownPlaylist } from '../shared-options.ts';

export const command = defineCommand({
  name: 'add-to-playlist',
  area: 'studio',
  visibility: 'ephemeral',
  description: 'Add a song to one of your playlists',
  options: {
    playlist: ownPlaylist,
    song: picked({ description: 'Song to add (default: the one playing now)', maxLength: 200 }),
  },
});

export const { data, options } = command;
