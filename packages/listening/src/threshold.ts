/** A listened threshold as a whole percentage from 1 to 100; anything else is a programming error. */
export function validThreshold(value: number): number {
  if (!Number.isFinite(value) || value < 1 || value > 100) {
    throw new RangeError(`listened threshold must be a percentage from 1 to 100, got ${value}`);
  }
  return value;
}
