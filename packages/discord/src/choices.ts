/** Choices shared by several commands, with the labels Discord shows, from each capability's terms. */
import { LOOP_MODE_LABELS } from '@autoalex/terms/player';
import { PRESETS, type Preset, STEM_LABELS, type Stem } from '@autoalex/terms/remix';

/** The four stems Demucs separates a track into. */
export const stemChoices = STEM_LABELS;
export type { Stem };

/** One-word remixes: each removes one stem completely. */
export const reducePresetChoices = Object.fromEntries(
  Object.entries(PRESETS).map(([name, preset]) => [name, preset.label]),
) as Readonly<Record<Preset, string>>;
export type ReducePreset = Preset;

/** The stem each preset removes. */
export const presetStem = Object.fromEntries(
  Object.entries(PRESETS).map(([name, preset]) => [name, preset.stem]),
) as Readonly<Record<Preset, Stem>>;

/** What /loop repeats. */
export const loopChoices = LOOP_MODE_LABELS;
