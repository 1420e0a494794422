import { defineCommand } from '../define/command.ts';
import { voiceChannel } from '../define/options.ts';

export const command = defineCommand({
  name: 'join',
  area: 'studio',
  description: 'Bring the player into a voice channel',
  options: {
    channel: voiceChannel({ description: 'Voice or stage channel (default: the one you are in)' }),
  },
});

export const { data, options } = command;
