import { defineCommand } from '../define/command.ts';
import { string } from '../define/options.ts';

export const command = defineCommand({
  name: 'help',
  area: 'suite',
  visibility: 'ephemeral',
  description: 'What each command does and how to use it',
  contexts: ['guild', 'bot-dm'],
  options: {
    command: string({ description: 'One command to explain', autocomplete: true, maxLength: 32 }),
  },
});

export const { data, options } = command;
