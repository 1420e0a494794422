import { defineCommand } from '../define/command.ts';
import { integer } from '../define/options.ts';

export const command = defineCommand({
  name: 'skip',
  area: 'studio',
  description: 'Skip the current song',
  options: {
    count: integer({ description: 'How many songs to skip (default 1)', min: 1, max: 100, default: 1 }),
  },
});

export const { data, options } = command;
