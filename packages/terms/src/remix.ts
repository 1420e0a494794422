// The remix capability's vocabulary (/boost, /reduce, the remix job, remix_jobs, the remix messages).
// The command catalogue, the job schema, the table's checks and every view derive from these.

/** htdemucs_ft sources, in model order: stem k comes only from model k. */
export const STEMS = ['drums', 'bass', 'other', 'vocals'] as const;
export type Stem = (typeof STEMS)[number];

/** How Discord's choice lists and help texts name each stem. */
export const STEM_LABELS: Readonly<Record<Stem, string>> = {
  vocals: 'Vocals',
  drums: 'Drums',
  bass: 'Bass',
  other: 'Other (everything else)',
};

export function isStem(value: unknown): value is Stem {
  return typeof value === 'string' && (STEMS as readonly string[]).includes(value);
}

/** Any remix gain, in dB: −60 takes a stem out, +12 is the loudest boost. */
export const GAIN_DB = { min: -60, max: 12 } as const;
/** /boost's default and range, /reduce's default and range, in dB. */
export const BOOST = { defaultDb: 4, minDb: 0.5, maxDb: 12 } as const;
export const REDUCE = { defaultDb: -60, minDb: GAIN_DB.min, maxDb: -0.5 } as const;
export type RemixMode = 'boost' | 'reduce';

/** One-word remixes: each removes one stem completely. */
export const PRESETS = {
  karaoke: { stem: 'vocals', gainDb: REDUCE.defaultDb, label: 'Karaoke (no vocals)' },
  drumless: { stem: 'drums', gainDb: REDUCE.defaultDb, label: 'Drumless (no drums)' },
  bassless: { stem: 'bass', gainDb: REDUCE.defaultDb, label: 'Bassless (no bass)' },
} as const satisfies Record<string, { stem: Stem; gainDb: number; label: string }>;
export type Preset = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as Preset[];

export function isPreset(value: unknown): value is Preset {
  return typeof value === 'string' && Object.hasOwn(PRESETS, value);
}

/** How a preset name may look on the bus (names of future presets included). */
export const PRESET_NAME_PATTERN = /^[a-z0-9-]{1,32}$/;

/** The life of a remix job (remix_jobs.status). */
export const REMIX_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RemixStatus = (typeof REMIX_STATUSES)[number];

/** What one remix changes: one stem by `gainDb` (−60 removes it), optionally named by a preset. */
export interface RemixSpec {
  readonly stem: Stem | string;
  readonly gainDb: number;
  readonly preset?: string | undefined;
}

/** +4, -60, +4.5: a gain as people write it (ASCII minus, at most one decimal). */
export function formatDb(db: number): string {
  const rounded = Math.round(db * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}`;
}

/** "bass +4 dB" always, for the details line. */
export function gainLabel(spec: RemixSpec): string {
  return `${spec.stem} ${formatDb(spec.gainDb)} dB`;
}

/** "bass +4 dB", or the preset name: how titles and messages name a remix. */
export function remixLabel(spec: RemixSpec): string {
  if (spec.preset !== undefined && isPreset(spec.preset) && PRESETS[spec.preset].stem === spec.stem) {
    return spec.preset;
  }
  return gainLabel(spec);
}
