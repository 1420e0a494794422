import { defineCommand } from '../define/command.ts';

export const command = defineCommand({
  name: 'playlast',
  area: 'studio',
  description: 'Play the last song you generated',
});

export const { data, options } = command;
