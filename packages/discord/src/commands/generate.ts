import { GENERATE_OPTION_LIMITS } from '@autoalex/terms/studio';
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
      maxLength: GENERATE_OPTION_LIMITS.prompt,
    }),
    style: string({
      description: 'Style tags, e.g. "lofi jazz, mellow piano"',
      maxLength: GENERATE_OPTION_LIMITS.style,
    }),
    title: string({ description: 'Song title', maxLength: GENERATE_OPTION_LIMITS.title }),
    instrumental: boolean({ description: 'No vocals (default: off)', default: false }),
  },
});

export const { data, options } = command;
