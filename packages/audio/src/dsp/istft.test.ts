import { describe, expect, it } from 'vitest';
import { closedFormRoundTrip, maxAbsDiff, tones } from '../../test/helpers/reference.ts';
import { BINS, SEGMENT_LENGTH } from './constants.ts';
import { createIstft } from './istft.ts';
import { createStft } from './stft.ts';

const L = SEGMENT_LENGTH;
const T = 336;
const plane = BINS * T;
const w = (n: number) => (n >= 0 && n < 4096 ? 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / 4096) : 0);

describe('createIstft', () => {
  const stft = createStft(L);
  const istft = createIstft(L);
  const spec = new Float32Array(4 * plane);
  const out = new Float32Array(2 * L);

  it('synthesises one bin of one frame as w·64·(2/n)·cos / 1.5 at 1024t − 1536', () => {
    spec.fill(0);
    const k = 10;
    const t = 7;
    spec[k * T + t] = 1; // Re, channel 0
    istft.inverse(spec, 0, plane, out);
    for (const n of [0, 4000, 5631, 6000, 9000]) {
      const local = n + 1536 - 1024 * t;
      const expected = (w(local) * 64 * (2 / 4096) * Math.cos((2 * Math.PI * k * local) / 4096)) / 1.5;
      expect(out[n]).toBeCloseTo(expected, 7);
    }
  });

  it('uses only Re of the DC bin (imaginary DC is dropped like torch.istft)', () => {
    spec.fill(0);
    const t = 100;
    spec[t] = 3; // Re of bin 0
    spec[plane + t] = 5; // Im of bin 0: ignored
    istft.inverse(spec, 0, plane, out);
    const n = 1024 * t - 1536 + 2048;
    expect(out[n]).toBeCloseTo((w(2048) * 64 * 3) / 4096 / 1.5, 7);
  });

  it('inverts the STFT in the interior and follows the closed form at the edges', () => {
    const x = tones(L, [
      [0.6, 0.0627, 0.3],
      [0.25, 0.91, 1.0],
      [0.1, 2.7, 2.0],
    ]);
    // Channel 1: something else, to catch channel mix-ups.
    const mix = new Float32Array(2 * L);
    mix.set(x);
    mix.set(tones(L, [[0.4, 0.013, 0]]), L);
    stft.forward(mix, spec);
    istft.inverse(spec, 0, plane, out, 0);
    istft.inverse(spec, 2 * plane, 3 * plane, out, L);
    const left = out.subarray(0, L);
    // Interior (all four frames present, away from the reflected edges): the input itself.
    expect(maxAbsDiff(left, x, 8192, L - 8192)).toBeLessThan(2e-6);
    // Everywhere: the closed form, including the deliberately imperfect edges.
    const expected = closedFormRoundTrip(x);
    expect(maxAbsDiff(left, expected)).toBeLessThan(2e-6);
    expect(Math.abs(left[0]! - x[0]!)).toBeGreaterThan(0.01 * Math.abs(x[0]!) + 1e-4);
    expect(maxAbsDiff(out.subarray(L), closedFormRoundTrip(mix.subarray(L)))).toBeLessThan(2e-6);
  });

  it('follows the closed form for broadband noise too (Nyquist bin dropped)', () => {
    const mix = new Float32Array(2 * L);
    for (let i = 0; i < L; i++) mix[i] = ((Math.sin(i * 12.9898) * 43758.5453) % 1) * 0.5;
    stft.forward(mix, spec);
    istft.inverse(spec, 0, plane, out);
    expect(maxAbsDiff(out.subarray(0, L), closedFormRoundTrip(mix.subarray(0, L)))).toBeLessThan(5e-6);
  });
});
