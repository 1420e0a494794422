/** htdemucs_ft sources, in model order: stem k comes only from model k. */
export const STEMS = ['drums', 'bass', 'other', 'vocals'] as const;
export type Stem = (typeof STEMS)[number];

export function sourceIndex(stem: Stem): number {
  return STEMS.indexOf(stem);
}

export function isStem(value: unknown): value is Stem {
  return typeof value === 'string' && (STEMS as readonly string[]).includes(value);
}

/** Unique stems in source order; throws on unknown names. */
export function orderStems(stems: readonly string[]): Stem[] {
  const bad = stems.filter((s) => !isStem(s));
  if (bad.length > 0) throw new RangeError(`unknown stem(s) ${bad.join(', ')}; expected ${STEMS.join(', ')}`);
  return STEMS.filter((s) => stems.includes(s));
}
