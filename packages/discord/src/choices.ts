/** Choices shared by several commands, with the labels Discord shows. */

/** The four stems Demucs separates a track into. */
export const stemChoices = {
  vocals: 'Vocals',
  drums: 'Drums',
  bass: 'Bass',
  other: 'Other (everything else)',
} as const;

export type Stem = keyof typeof stemChoices;

/** One-word remixes: each removes one stem completely. */
export const reducePresetChoices = {
  karaoke: 'Karaoke (no vocals)',
  drumless: 'Drumless (no drums)',
  bassless: 'Bassless (no bass)',
} as const;

export type ReducePreset = keyof typeof reducePresetChoices;

export const presetStem: Readonly<Record<ReducePreset, Stem>> = {
  karaoke: 'vocals',
  drumless: 'drums',
  bassless: 'bass',
};
