import { defineCommand } from '../define/command.ts';
import { boolean } from '../define/options.ts';

export const command = defineCommand({
  name: 'status',
  area: 'suite',
  description: 'Health of the suite: Discord, Plex, queues and workers',
  options: {
    details: boolean({
      description: 'Every check in full (only you see them unless you are an admin)',
      default: false,
    }),
  },
});

export const { data, options } = command;
