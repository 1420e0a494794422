import { defineCommand } from '../define/command.ts';

export const command = defineCommand({
  name: 'pause',
  area: 'studio',
  description: 'Pause playback, or resume it when paused',
});

export const { data, options } = command;
