import { defineCommand } from '../define/command.ts';
import { boolean, string } from '../define/options.ts';

export const command = defineCommand({
  name: 'play',
  area: 'studio',
  description: 'Play a song from the library, or search for one',
  options: {
    song: string({
      description: 'Pick a song from the list, or type words to search for',
      required: true,
      autocomplete: true,
      maxLength: 200,
    }),
    next: boolean({ description: 'Play it next instead of at the end of the queue', default: false }),
  },
});

export const { data, options } = command;
