import { PAGE } from '@autoalex/terms/player';
import { defineCommand } from '../define/command.ts';
import { integer, picked, user } from '../define/options.ts';

export const command = defineCommand({
  name: 'library',
  area: 'studio',
  visibility: 'ephemeral',
  description: 'Browse generated songs, filtered by genre or style',
  options: {
    genre: picked({ description: 'Only this genre' }),
    style: picked({ description: 'Only songs with this style tag' }),
    owner: user({ description: 'Whose songs (default: everyone on this server)' }),
    page: integer({ description: 'Page of results (default 1)', min: PAGE.min, max: PAGE.max, default: PAGE.default }),
  },
});

export const { data, options } = command;
