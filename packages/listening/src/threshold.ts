import { LISTENED_THRESHOLD } from '@autoalex/terms/listening';

/** A listened threshold as a whole percentage in range; anything else is a programming error. */
export function validThreshold(value: number): number {
  const { min, max } = LISTENED_THRESHOLD;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`listened threshold must be a percentage from ${min} to ${max}, got ${value}`);
  }
  return value;
}
