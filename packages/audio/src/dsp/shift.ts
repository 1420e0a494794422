import { MAX_SHIFT } from './constants.ts';

/** A uniform random number generator in [0, 1). */
export type Random = () => number;

/** mulberry32: a small, fast, seedable PRNG (tests and reproducible runs pass a seed). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The demucs random shift: it zero-pads MAX_SHIFT samples on each side, picks
 * offset = randint(0, MAX_SHIFT) (inclusive), processes padded[offset : N + MAX_SHIFT] and keeps
 * result[MAX_SHIFT − offset :][:N]. That is the same as prepending `lead = MAX_SHIFT − offset`
 * zeros to the track and dropping the first `lead` samples of the result, which is how the
 * separator applies it (through a virtual view, without copying the track).
 */
export function randomShiftLead(random: Random, maxShift = MAX_SHIFT): number {
  const offset = Math.min(maxShift, Math.floor(random() * (maxShift + 1)));
  return maxShift - offset;
}
