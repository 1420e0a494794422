import { defineCommand } from '../define/command.ts';

export const command = defineCommand({
  name: 'stop',
  area: 'studio',
  description: 'Stop playback, clear the queue and leave the voice channel',
});

export const { data, options } = command;
