import { PAGE } from '@autoalex/terms/player';
import { defineCommand } from '../define/command.ts';
import { integer } from '../define/options.ts';

export const command = defineCommand({
  name: 'queue',
  area: 'studio',
  description: 'Show what is playing and what comes next',
  options: {
    page: integer({
      description: 'Page of the queue (default 1)',
      min: PAGE.min,
      max: PAGE.max,
      default: PAGE.default,
    }),
  },
});

export const { data, options } = command;
