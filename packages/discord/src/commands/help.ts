import { defineCommand } from '../define/command.ts';
import { picked } from '../define/options.ts';

export const command = defineCommand({
  name: 'help',
  area: 'suite',
  visibility: 'ephemeral',
  description: 'What each command does and how to use it',
  contexts: ['guild', 'bot-dm'],
  options: {
    command: picked({ description: 'One command to explain', maxLength: 32 }),
  },
});

export const { data, options } = command;
