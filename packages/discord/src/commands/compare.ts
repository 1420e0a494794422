import { defineCommand } from '../define/command.ts';
import { string } from '../define/options.ts';

export const command = defineCommand({
  name: 'compare',
  area: 'library',
  description: 'Listening battle: two Plex users, one artist, who has heard more of it',
  options: {
    artist: string({ description: 'Artist in the Plex library', required: true, autocomplete: true, maxLength: 100 }),
    user1: string({ description: 'First Plex user', required: true, autocomplete: true, maxLength: 100 }),
    user2: string({ description: 'Second Plex user', required: true, autocomplete: true, maxLength: 100 }),
  },
  rules: [
    (v) =>
      v.user1.toLowerCase() === v.user2.toLowerCase() ? 'user1 and user2 must be two different people' : undefined,
  ],
});

export const { data, options } = command;
