import { defineSubcommands } from '../define/command.ts';
import { picked } from '../define/options.ts';

export const command = defineSubcommands({
  name: 'filter',
  area: 'studio',
  description: 'Limit what the player picks on its own to a genre or style',
  subcommands: {
    genre: {
      description: 'Only pick songs of this genre',
      options: { name: picked({ description: 'Genre', required: true }) },
    },
    style: {
      description: 'Only pick songs with this style tag',
      options: { name: picked({ description: 'Style tag', required: true }) },
    },
    clear: { description: 'Remove every filter' },
    show: { description: 'Show the filters in force' },
  },
});

export const { data, options } = command;
