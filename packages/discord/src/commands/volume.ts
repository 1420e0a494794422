import { defineCommand } from '../define/command.ts';
import { integer } from '../define/options.ts';

export const command = defineCommand({
  name: 'volume',
  area: 'studio',
  description: 'Show or set the player volume',
  options: {
    level: integer({ description: 'Volume in percent, 0 to 200 (100 is normal); empty shows it', min: 0, max: 200 }),
  },
});

export const { data, options } = command;
