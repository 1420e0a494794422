import { REDUCE } from '@autoalex/terms/remix';
import { presetStem, type ReducePreset, reducePresetChoices, type Stem, stemChoices } from '../choices.ts';
import { defineCommand } from '../define/command.ts';
import { number, string } from '../define/options.ts';
import { libraryTrack } from '../shared-options.ts';

export const command = defineCommand({
  name: 'reduce',
  area: 'library',
  description: 'Remix a library track with one stem quieter or gone (karaoke, drumless, bassless)',
  options: {
    track: libraryTrack,
    stem: string({ description: 'Which part to make quieter (or pick a preset instead)', choices: stemChoices }),
    preset: string({
      description: 'Remove one part completely (or pick a stem instead)',
      choices: reducePresetChoices,
    }),
    db: number({
      description: `How much quieter, in dB (${REDUCE.minDb} to ${REDUCE.maxDb}, default ${REDUCE.defaultDb} = gone)`,
      min: REDUCE.minDb,
      max: REDUCE.maxDb,
      default: REDUCE.defaultDb,
    }),
  },
  rules: [
    (v) => (v.stem === undefined && v.preset === undefined ? 'choose a stem or a preset' : undefined),
    (v) => (v.stem !== undefined && v.preset !== undefined ? 'choose either a stem or a preset, not both' : undefined),
  ],
});

export const { data, options } = command;

/** The stem a validated `/reduce` acts on: the one chosen, or the one its preset removes. */
export function reduceStem(values: { stem?: Stem | undefined; preset?: ReducePreset | undefined }): Stem {
  if (values.stem !== undefined) return values.stem;
  if (values.preset !== undefined) return presetStem[values.preset];
  throw new TypeError('reduceStem: options were not validated (neither stem nor preset)');
}
