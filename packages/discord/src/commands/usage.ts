import { defineCommand } from '../define/command.ts';
import { picked, string } from '../define/options.ts';

export const command = defineCommand({
  name: 'usage',
  area: 'library',
  description: 'What the household is playing now, and who listened most lately',
  options: {
    period: string({
      description: 'How far back to count plays (default: last 7 days)',
      choices: {
        day: 'Last 24 hours',
        week: 'Last 7 days',
        month: 'Last 30 days',
        year: 'Last 365 days',
        all: 'All time',
      },
      default: 'week',
    }),
    user: picked({ description: 'Only this Plex user' }),
  },
});

export const { data, options } = command;
