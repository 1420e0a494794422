import { PAGE } from '@autoalex/terms/player';
import { defineCommand } from '../define/command.ts';
import { integer, string, user } from '../define/options.ts';

export const command = defineCommand({
  name: 'library',
  area: 'studio',
  visibility: 'ephemeral',
  description: 'Browse generated songs, filtered by genre or style',
  options: {
    genre: string({ description: 'Only this genre', autocomplete: true, maxLength: 100 }),
    style: string({ description: 'Only songs with this style tag', autocomplete: true, maxLength: 100 }),
    owner: user({ description: 'Whose songs (default: everyone on this server)' }),
    page: integer({ description: 'Page of results (default 1)', min: PAGE.min, max: PAGE.max, default: PAGE.default }),
  },
});

export const { data, options } = command;
