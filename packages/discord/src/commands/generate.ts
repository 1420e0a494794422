import { defineCommand } from '../define/command.ts';
import { boolean, string } from '../define/options.ts';

export const command = defineCommand({
  name: 'generate',
  area: 'studio',
  description: 'Make a new song with AI from a text prompt',
  options: {
    prompt: string({
      description: 'What the song is about (with style and title: its lyrics)',
      required: true,
      maxLength: 500,
    }),
    style: string({ description: 'Style tags, e.g. "lofi jazz, mellow piano"', maxLength: 200 }),
    title: string({ description: 'Song title', maxLength: 80 }),
    instrumental: boolean({ description: 'No vocals (default: off)', default: false }),
  },
});

export const { data, options } = command;
