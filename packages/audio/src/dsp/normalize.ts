/**
 * Demucs normalises a track with its mono mix: ref = mean over channels, then
 * x = (wav − mean(ref)) / (std(ref, unbiased) + 1e-8), and every separated source is mapped back
 * with out·scale + mean. The 1e-8 keeps silence finite (all zeros in, all zeros out).
 */
export interface Normalization {
  readonly mean: number;
  /** std(ref, unbiased) + 1e-8. */
  readonly scale: number;
}

export function mixStats(channels: readonly Float32Array[]): Normalization {
  const c = channels.length;
  const n = channels[0]?.length ?? 0;
  if (c === 0 || n === 0) throw new RangeError('mixStats: empty audio');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let k = 0; k < c; k++) v += channels[k]![i]!;
    sum += v / c;
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let k = 0; k < c; k++) v += channels[k]![i]!;
    const d = v / c - mean;
    sq += d * d;
  }
  const std = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
  return { mean, scale: std + 1e-8 };
}

/** New arrays holding (x − mean) / scale. */
export function normalize(channels: readonly Float32Array[], stats: Normalization): Float32Array[] {
  const inv = 1 / stats.scale;
  return channels.map((ch) => {
    const out = new Float32Array(ch.length);
    for (let i = 0; i < ch.length; i++) out[i] = (ch[i]! - stats.mean) * inv;
    return out;
  });
}

/** In place: x·scale + mean. */
export function denormalize(channels: readonly Float32Array[], stats: Normalization): void {
  for (const ch of channels) {
    for (let i = 0; i < ch.length; i++) ch[i] = ch[i]! * stats.scale + stats.mean;
  }
}
