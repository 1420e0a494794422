import { defineCommand } from '../define/command.ts';
import { picked } from '../define/options.ts';
import { libraryArtist } from '../shared-options.ts';

export const command = defineCommand({
  name: 'compare',
  area: 'library',
  description: 'Listening battle: two Plex users, one artist, who has heard more of it',
  options: {
    artist: libraryArtist,
    user1: picked({ description: 'First Plex user', required: true }),
    user2: picked({ description: 'Second Plex user', required: true }),
  },
  rules: [
    (v) =>
      v.user1.toLowerCase() === v.user2.toLowerCase() ? 'user1 and user2 must be two different people' : undefined,
  ],
});

export const { data, options } = command;
