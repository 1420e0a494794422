import { isStem, STEMS, type Stem } from '@autoalex/terms/remix';

export { isStem, STEMS, type Stem };

/** The htdemucs_ft model (and source) index of a stem: stem k comes only from model k. */
export function sourceIndex(stem: Stem): number {
  return STEMS.indexOf(stem);
}

/** Unique stems in source order; throws on unknown names. */
export function orderStems(stems: readonly string[]): Stem[] {
  const bad = stems.filter((s) => !isStem(s));
  if (bad.length > 0) throw new RangeError(`unknown stem(s) ${bad.join(', ')}; expected ${STEMS.join(', ')}`);
  return STEMS.filter((s) => stems.includes(s));
}
