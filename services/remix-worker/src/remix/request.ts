import {
  BOOST,
  formatDb,
  isPreset,
  PRESETS,
  REDUCE,
  type RemixMode,
  type RemixSpec as RemixTerms,
  STEMS,
  type Stem,
} from '@autoalex/terms/remix';

// The remix vocabulary (stems, ranges, presets, labels) is in @autoalex/terms/remix; this file
// turns a front end's options into one validated remix.

/** What one remix changes: one stem by `gainDb` (−60 removes it), optionally named by a preset. */
export interface RemixSpec extends RemixTerms {
  readonly stem: Stem;
}

export type RemixChoice =
  | { readonly ok: true; readonly spec: RemixSpec }
  | { readonly ok: false; readonly problem: string };

export interface RemixOptions {
  readonly stem?: string | undefined;
  readonly preset?: string | undefined;
  /** Explicit gain; otherwise `mode`'s default. */
  readonly gainDb?: number | undefined;
  readonly mode?: RemixMode | undefined;
}

/**
 * Validates a remix request (console flags or any other front end) and fills in the defaults:
 * boost +4 dB, reduce −60 dB, presets remove their stem. Problems are sentences for people.
 */
export function chooseRemix(options: RemixOptions): RemixChoice {
  const { stem, preset, mode } = options;
  if (preset !== undefined) {
    if (!isPreset(preset)) {
      return { ok: false, problem: `unknown preset "${preset}"; presets are ${Object.keys(PRESETS).join(', ')}` };
    }
    if (stem !== undefined) return { ok: false, problem: 'choose either a stem or a preset, not both' };
    if (mode === 'boost') return { ok: false, problem: `the ${preset} preset removes a stem; it cannot boost` };
    const gainDb = options.gainDb ?? PRESETS[preset].gainDb;
    const problem = gainProblem(gainDb, 'reduce');
    return problem ? { ok: false, problem } : { ok: true, spec: { stem: PRESETS[preset].stem, gainDb, preset } };
  }
  if (stem === undefined) return { ok: false, problem: `choose a stem (${STEMS.join(', ')}) or a preset` };
  if (!(STEMS as readonly string[]).includes(stem)) {
    return { ok: false, problem: `unknown stem "${stem}"; stems are ${STEMS.join(', ')}` };
  }
  let gainDb = options.gainDb;
  if (gainDb === undefined) {
    if (mode === undefined)
      return { ok: false, problem: 'say how much: a gain in dB, or boost (+4 dB) or reduce (-60 dB)' };
    gainDb = mode === 'boost' ? BOOST.defaultDb : REDUCE.defaultDb;
  }
  const problem = gainProblem(gainDb, mode ?? (gainDb > 0 ? 'boost' : 'reduce'));
  return problem ? { ok: false, problem } : { ok: true, spec: { stem: stem as Stem, gainDb } };
}

/** Why a gain cannot be used for a boost or a reduction, or undefined when it can. */
export function gainProblem(gainDb: number, mode: RemixMode): string | undefined {
  if (!Number.isFinite(gainDb)) return 'the gain must be a number of dB';
  if (gainDb === 0) return 'a gain of 0 dB would change nothing';
  const range = mode === 'boost' ? BOOST : REDUCE;
  if (gainDb < range.minDb || gainDb > range.maxDb) {
    return `a ${mode === 'boost' ? 'boost' : 'reduction'} must be between ${formatDb(range.minDb)} and ${formatDb(range.maxDb)} dB, not ${formatDb(gainDb)} dB`;
  }
  return undefined;
}
