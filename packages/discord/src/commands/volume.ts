import { VOLUME } from '@autoalex/terms/player';
import { defineCommand } from '../define/command.ts';
import { integer } from '../define/options.ts';

export const command = defineCommand({
  name: 'volume',
  area: 'studio',
  description: 'Show or set the player volume',
  options: {
    level: integer({
      description: `Volume in percent, ${VOLUME.min} to ${VOLUME.max} (${VOLUME.default} is normal); empty shows it`,
      min: VOLUME.min,
      max: VOLUME.max,
    }),
  },
});

export const { data, options } = command;
