import { describe, expect, it } from 'vitest';
import { BINS, SEGMENT_LENGTH } from './constants.ts';
import { createStft } from './stft.ts';

const L = SEGMENT_LENGTH;
const T = 336;
const plane = BINS * T;
const at = (spec: Float32Array, ch: number, k: number, t: number) => spec[ch * plane + k * T + t]!;

describe('createStft (HTDemucs layout [4, 2048, 336])', () => {
  const stft = createStft(L);
  const spec = new Float32Array(4 * plane);

  it('has 336 frames for the contract segment', () => {
    expect(stft.frames).toBe(T);
  });

  it('maps DC to bins 0 and 1 only: Σw/64 = 32 and −(n/4)/64 = −16 per unit', () => {
    const mix = new Float32Array(2 * L).fill(0.5, 0, L).fill(-2, L);
    stft.forward(mix, spec);
    for (const t of [0, 100, 335]) {
      expect(at(spec, 0, 0, t)).toBeCloseTo(16, 4);
      expect(at(spec, 0, 1, t)).toBeCloseTo(-8, 4);
      expect(at(spec, 0, 2, t)).toBeCloseTo(0, 4);
      expect(at(spec, 1, 0, t)).toBeCloseTo(0, 5);
      expect(at(spec, 2, 0, t)).toBeCloseTo(-64, 3);
      expect(at(spec, 2, 1, t)).toBeCloseTo(32, 3);
      expect(at(spec, 3, 1, t)).toBeCloseTo(0, 4);
    }
  });

  it('puts a sinusoid on its bin with the frame phase (Re in channel 2c, Im in 2c+1)', () => {
    // x[j] = cos(2π·k0·j/4096): frame t starts at padded 1024t, i.e. x index 1024t − 1536.
    const k0 = 200;
    const mix = new Float32Array(2 * L);
    for (let j = 0; j < L; j++) mix[L + j] = Math.cos((2 * Math.PI * k0 * j) / 4096);
    stft.forward(mix, spec);
    for (const t of [2, 50, 333]) {
      const phase = (2 * Math.PI * k0 * (1024 * t - 1536)) / 4096;
      // Hann: X[k0] = (n/4)·e^{iφ}, X[k0 ± 1] = −(n/8)·e^{iφ}; /64.
      expect(at(spec, 2, k0, t)).toBeCloseTo(16 * Math.cos(phase), 3);
      expect(at(spec, 3, k0, t)).toBeCloseTo(16 * Math.sin(phase), 3);
      expect(at(spec, 2, k0 + 1, t)).toBeCloseTo(-8 * Math.cos(phase), 3);
      expect(at(spec, 2, k0 + 5, t)).toBeCloseTo(0, 3);
      expect(at(spec, 0, k0, t)).toBe(0);
    }
  });

  it('sees an impulse in the frames that cover it, weighted by the window, and reflected near the start', () => {
    const n0 = 5000;
    const mix = new Float32Array(2 * L);
    mix[n0] = 1;
    stft.forward(mix, spec);
    const m = n0 + 1536; // position in the padded signal
    for (let t = 0; t < 10; t++) {
      const n = m - 1024 * t;
      const w = n >= 0 && n < 4096 ? 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / 4096) : 0;
      for (const k of [0, 3, 1000]) {
        expect(at(spec, 0, k, t)).toBeCloseTo((w * Math.cos((2 * Math.PI * k * n) / 4096)) / 64, 6);
        expect(at(spec, 1, k, t)).toBeCloseTo((-w * Math.sin((2 * Math.PI * k * n) / 4096)) / 64, 6);
      }
    }
    // Reflection: x[100] appears at padded 1536 − 100 too (frame 0 sees both copies).
    mix.fill(0);
    mix[100] = 1;
    stft.forward(mix, spec);
    const w = (n: number) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / 4096);
    expect(at(spec, 0, 0, 0)).toBeCloseTo((w(1636) + w(1436)) / 64, 6);
  });

  it('rejects buffers of the wrong size', () => {
    expect(() => stft.forward(new Float32Array(10), spec)).toThrow(RangeError);
  });
});
