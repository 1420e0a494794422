import { loopChoices } from '../choices.ts';
import { defineCommand } from '../define/command.ts';
import { string } from '../define/options.ts';

export const command = defineCommand({
  name: 'loop',
  area: 'studio',
  description: 'Repeat the current song or the whole queue',
  options: {
    mode: string({
      description: 'What to repeat',
      required: true,
      choices: loopChoices,
    }),
  },
});

export const { data, options } = command;
