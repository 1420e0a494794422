import { BOOST } from '@autoalex/terms/remix';
import { stemChoices } from '../choices.ts';
import { defineCommand } from '../define/command.ts';
import { number, string } from '../define/options.ts';
import { libraryTrack } from '../shared-options.ts';

export const command = defineCommand({
  name: 'boost',
  area: 'library',
  description: 'Remix a library track with one stem louder (vocals, drums, bass or the rest)',
  options: {
    track: libraryTrack,
    stem: string({ description: 'Which part to make louder', required: true, choices: stemChoices }),
    db: number({
      description: `How much louder, in dB (${BOOST.minDb} to ${BOOST.maxDb}, default ${BOOST.defaultDb})`,
      min: BOOST.minDb,
      max: BOOST.maxDb,
      default: BOOST.defaultDb,
    }),
  },
});

export const { data, options } = command;
