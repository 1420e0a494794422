/** Decibels to a linear amplitude factor. */
export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

/**
 * Boost or reduce one stem inside the mix: out = mix + (gain − 1)·stem, gain = 10^(dB/20).
 * +6 dB boosts the stem, −∞ dB removes it. Works on planar channels of equal length.
 */
export function mixStem(mix: readonly Float32Array[], stem: readonly Float32Array[], gainDb: number): Float32Array[] {
  if (Number.isNaN(gainDb)) throw new RangeError('gain must be a number of decibels');
  if (mix.length !== stem.length) throw new RangeError(`mix has ${mix.length} channels, stem ${stem.length}`);
  const k = (gainDb === Number.NEGATIVE_INFINITY ? 0 : dbToGain(gainDb)) - 1;
  return mix.map((m, c) => {
    const s = stem[c]!;
    if (s.length !== m.length) throw new RangeError(`channel ${c}: mix has ${m.length} samples, stem ${s.length}`);
    const out = new Float32Array(m.length);
    for (let i = 0; i < m.length; i++) out[i] = m[i]! + k * s[i]!;
    return out;
  });
}
