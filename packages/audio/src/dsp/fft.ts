/**
 * Real FFT of a power-of-two length n, computed as one complex FFT of length n/2 (even samples in
 * the real part, odd samples in the imaginary part) plus a split step. Twiddles and the
 * bit-reversal table are computed once; the work buffers are reused, so an instance is not
 * reentrant (one per thread, which is how the STFT and iSTFT use it).
 *
 * Conventions follow numpy: `forward` is the unscaled rfft (bins 0..n/2), `inverse` is irfft with
 * the 1/n factor, and it ignores the imaginary parts of the DC and Nyquist bins (c2r semantics, as
 * torch.istft does).
 */
export interface RealFft {
  readonly size: number;
  /** rfft of `input[0..n)`: writes bins 0..n/2 into `re`/`im` (length ≥ n/2 + 1). */
  forward(input: Float64Array, re: Float64Array, im: Float64Array): void;
  /** irfft (with 1/n) of bins 0..n/2 in `re`/`im`: writes `output[0..n)`. */
  inverse(re: Float64Array, im: Float64Array, output: Float64Array): void;
}

export function createRealFft(n: number): RealFft {
  if (!Number.isInteger(n) || n < 4 || (n & (n - 1)) !== 0) {
    throw new RangeError(`FFT size must be a power of two ≥ 4, got ${n}`);
  }
  const m = n / 2;
  const bits = Math.log2(m);
  const rev = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    rev[i] = r;
  }
  // Complex twiddles for the half-size FFT: e^{-2πij/m}, j < m/2.
  const cosM = new Float64Array(m / 2);
  const sinM = new Float64Array(m / 2);
  for (let j = 0; j < m / 2; j++) {
    cosM[j] = Math.cos((2 * Math.PI * j) / m);
    sinM[j] = Math.sin((2 * Math.PI * j) / m);
  }
  // Split twiddles: e^{-2πik/n}, k ≤ m.
  const cosN = new Float64Array(m + 1);
  const sinN = new Float64Array(m + 1);
  for (let k = 0; k <= m; k++) {
    cosN[k] = Math.cos((2 * Math.PI * k) / n);
    sinN[k] = Math.sin((2 * Math.PI * k) / n);
  }
  const zr = new Float64Array(m);
  const zi = new Float64Array(m);

  /** In-place radix-2 FFT of the bit-reversed buffers; sign −1 forward, +1 inverse (unscaled). */
  function complexFft(sign: number): void {
    for (let size = 2; size <= m; size <<= 1) {
      const half = size >> 1;
      const step = m / size;
      for (let j = 0; j < half; j++) {
        const wr = cosM[j * step]!;
        const wi = sign * sinM[j * step]!;
        for (let a = j; a < m; a += size) {
          const b = a + half;
          const br = zr[b]!;
          const bi = zi[b]!;
          const tr = br * wr - bi * wi;
          const ti = br * wi + bi * wr;
          const ar = zr[a]!;
          const ai = zi[a]!;
          zr[a] = ar + tr;
          zi[a] = ai + ti;
          zr[b] = ar - tr;
          zi[b] = ai - ti;
        }
      }
    }
  }

  function forward(input: Float64Array, re: Float64Array, im: Float64Array): void {
    for (let i = 0; i < m; i++) {
      const r = rev[i]!;
      zr[r] = input[2 * i]!;
      zi[r] = input[2 * i + 1]!;
    }
    complexFft(-1);
    // X[k] = E[k] + e^{-2πik/n}·O[k], with E = (Z[k] + conj Z[m−k])/2 and O = (Z[k] − conj Z[m−k])/(2i).
    re[0] = zr[0]! + zi[0]!;
    im[0] = 0;
    re[m] = zr[0]! - zi[0]!;
    im[m] = 0;
    for (let k = 1; k < m; k++) {
      const ar = zr[k]!;
      const ai = zi[k]!;
      const br = zr[m - k]!;
      const bi = -zi[m - k]!;
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      // (a − b)/(2i) = (ai − bi)/2 − i·(ar − br)/2
      const or = 0.5 * (ai - bi);
      const oi = -0.5 * (ar - br);
      const c = cosN[k]!;
      const s = -sinN[k]!;
      re[k] = er + or * c - oi * s;
      im[k] = ei + or * s + oi * c;
    }
  }

  function inverse(re: Float64Array, im: Float64Array, output: Float64Array): void {
    // E[k] = (X[k] + conj X[m−k])/2, O[k] = (X[k] − conj X[m−k])·e^{+2πik/n}/2, Z = E + i·O.
    const x0 = re[0]!;
    const xm = re[m]!;
    zr[0] = 0.5 * (x0 + xm);
    zi[0] = 0.5 * (x0 - xm);
    for (let k = 1; k < m; k++) {
      const ar = re[k]!;
      const ai = im[k]!;
      const br = re[m - k]!;
      const bi = -im[m - k]!;
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai - bi);
      const c = cosN[k]!;
      const s = sinN[k]!;
      const or = dr * c - di * s;
      const oi = dr * s + di * c;
      const r = rev[k]!;
      zr[r] = er - oi;
      zi[r] = ei + or;
    }
    // rev[0] = 0, so Z[0] is already in place.
    complexFft(1);
    const scale = 1 / m;
    for (let i = 0; i < m; i++) {
      output[2 * i] = zr[i]! * scale;
      output[2 * i + 1] = zi[i]! * scale;
    }
  }

  return { size: n, forward, inverse };
}
