/**
 * Independent float64 references written straight from docs/demucs.md, sharing no code with src/.
 * They need no FFT: for a model whose spectrogram output is a scaled copy of its input,
 * iSTFT(STFT(x)) has a closed form in the time domain.
 */
const N = 4096;
const HOP = 1024;
const PAD = 1536;
const w = Float64Array.from({ length: N }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / N));

/**
 * iSTFT(STFT(x)) for one segment x of length L, in closed form. With frame_t = xp[1024t + n]·w[n]
 * and Z_t its rfft/64 without the Nyquist bin, irfft(Z_t)·64 = frame_t − X_t[N/2]·(−1)^n / N,
 * where X_t[N/2] = Σ_n frame_t[n]·(−1)^n. Overlap-add with w, /1.5, from offset 1536.
 */
export function closedFormRoundTrip(x: ArrayLike<number>): Float64Array {
  const L = x.length;
  const T = Math.ceil(L / HOP);
  const right = PAD + T * HOP - L;
  const xp = new Float64Array(PAD + L + right);
  for (let i = 0; i < xp.length; i++) {
    const j = i - PAD;
    xp[i] = j < 0 ? x[-j]! : j >= L ? x[2 * (L - 1) - j]! : x[j]!;
  }
  const acc = new Float64Array(xp.length);
  for (let t = 0; t < T; t++) {
    let nyquist = 0;
    for (let n = 0; n < N; n++) nyquist += xp[t * HOP + n]! * w[n]! * (n % 2 === 0 ? 1 : -1);
    for (let n = 0; n < N; n++) {
      const frame = xp[t * HOP + n]! * w[n]! - (nyquist * (n % 2 === 0 ? 1 : -1)) / N;
      acc[t * HOP + n] = acc[t * HOP + n]! + w[n]! * frame;
    }
  }
  return Float64Array.from({ length: L }, (_, n) => acc[PAD + n]! / 1.5);
}

/** Σ over the segment's frames of w² at padded position m (1.5 where four frames overlap). */
export function windowEnvelope(m: number, frames: number): number {
  let e = 0;
  for (let t = 0; t < frames; t++) {
    const n = m - t * HOP;
    if (n >= 0 && n < N) e += w[n]! ** 2;
  }
  return e;
}

export interface ReferenceModel {
  /** Per stereo channel: spec_out = specGain·spec, wave_out = waveGain·mix (for the one stem). */
  readonly specGain: readonly [number, number];
  readonly waveGain: readonly [number, number];
}

/**
 * The whole demucs procedure for one stem of such a model, as demucs/apply.py does it: normalise
 * with the mono mix, optional shift (lead zeros), chunks of L every int(0.75·L) read centred
 * with zeros outside, the centre trimmed back, triangular weights weight[:l], divide, undo.
 */
export function referenceSeparate(
  channels: readonly ArrayLike<number>[],
  model: ReferenceModel,
  options: { lead?: number; segmentLength?: number; overlap?: number } = {},
): Float64Array[] {
  const L = options.segmentLength ?? 343_980;
  const lead = options.lead ?? 0;
  const len = channels[0]!.length;
  const ref = Float64Array.from({ length: len }, (_, i) => (channels[0]![i]! + channels[1]![i]!) / 2);
  const mean = ref.reduce((a, b) => a + b, 0) / len;
  const std = Math.sqrt(ref.reduce((a, b) => a + (b - mean) ** 2, 0) / (len - 1)) + 1e-8;
  const total = len + lead;
  const stride = Math.floor((1 - (options.overlap ?? 0.25)) * L);
  const weight = Float64Array.from({ length: L }, (_, i) => (i < L / 2 ? i + 1 : L - i) / (L / 2));
  return [0, 1].map((c) => {
    const view = (i: number) => {
      const j = i - lead;
      return j >= 0 && j < len ? (channels[c]![j]! - mean) / std : 0;
    };
    const out = new Float64Array(total);
    const sum = new Float64Array(total);
    for (let offset = 0; offset < total; offset += stride) {
      const l = Math.min(L, total - offset);
      const start = offset - Math.floor((L - l) / 2);
      const seg = Float64Array.from({ length: L }, (_, i) => view(start + i));
      const spec = closedFormRoundTrip(seg);
      const trim = Math.floor((L - l) / 2);
      for (let j = 0; j < l; j++) {
        const y = model.waveGain[c]! * seg[trim + j]! + model.specGain[c]! * spec[trim + j]!;
        out[offset + j] = out[offset + j]! + weight[j]! * y;
        sum[offset + j] = sum[offset + j]! + weight[j]!;
      }
    }
    return Float64Array.from({ length: len }, (_, i) => (out[lead + i]! / sum[lead + i]!) * std + mean);
  });
}

/** Largest |a − b|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = a.length): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** A smooth test signal: a few sinusoids (nothing near Nyquist). */
export function tones(
  length: number,
  parts: readonly [amp: number, radPerSample: number, phase: number][],
): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    let v = 0;
    for (const [a, f, p] of parts) v += a * Math.sin(f * i + p);
    out[i] = v;
  }
  return out;
}
