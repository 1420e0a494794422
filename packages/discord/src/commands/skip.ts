import { SKIP } from '@autoalex/terms/player';
import { defineCommand } from '../define/command.ts';
import { integer } from '../define/options.ts';

export const command = defineCommand({
  name: 'skip',
  area: 'studio',
  description: 'Skip the current song',
  options: {
    count: integer({
      description: `How many songs to skip (default ${SKIP.default})`,
      min: SKIP.min,
      max: SKIP.max,
      default: SKIP.default,
    }),
  },
});

export const { data, options } = command;
