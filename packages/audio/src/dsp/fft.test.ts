import { describe, expect, it } from 'vitest';
import { createRealFft } from './fft.ts';

function naiveRfft(x: Float64Array): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= n / 2; k++) {
    let r = 0;
    let s = 0;
    for (let j = 0; j < n; j++) {
      r += x[j]! * Math.cos((2 * Math.PI * k * j) / n);
      s -= x[j]! * Math.sin((2 * Math.PI * k * j) / n);
    }
    re.push(r);
    im.push(s);
  }
  return { re, im };
}

const noise = (n: number, seed: number) =>
  Float64Array.from({ length: n }, (_, i) => (Math.sin(i * 12.9898 + seed) * 43758.5453) % 1);

describe('createRealFft', () => {
  it.each([4, 8, 64, 512, 4096])('matches a direct DFT and inverts exactly (n = %i)', (n) => {
    const fft = createRealFft(n);
    const x = noise(n, n);
    const re = new Float64Array(n / 2 + 1);
    const im = new Float64Array(n / 2 + 1);
    fft.forward(x, re, im);
    const ref = naiveRfft(x);
    const scale = Math.max(...ref.re.map(Math.abs), ...ref.im.map(Math.abs));
    for (let k = 0; k <= n / 2; k++) {
      expect(Math.abs(re[k]! - ref.re[k]!)).toBeLessThan(1e-12 * scale * n);
      expect(Math.abs(im[k]! - ref.im[k]!)).toBeLessThan(1e-12 * scale * n);
    }
    const back = new Float64Array(n);
    fft.inverse(re, im, back);
    for (let j = 0; j < n; j++) expect(back[j]).toBeCloseTo(x[j]!, 12);
  });

  it('puts a cosine at its bin: n/2 at k0 and nothing elsewhere', () => {
    const n = 4096;
    const k0 = 37;
    const fft = createRealFft(n);
    const x = Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * k0 * j) / n));
    const re = new Float64Array(n / 2 + 1);
    const im = new Float64Array(n / 2 + 1);
    fft.forward(x, re, im);
    for (let k = 0; k <= n / 2; k++) {
      expect(re[k]).toBeCloseTo(k === k0 ? n / 2 : 0, 8);
      expect(im[k]).toBeCloseTo(0, 8);
    }
  });

  it('ignores the imaginary parts of the DC and Nyquist bins on inverse (c2r semantics)', () => {
    const n = 16;
    const fft = createRealFft(n);
    const re = new Float64Array(n / 2 + 1);
    const im = new Float64Array(n / 2 + 1);
    re[0] = 16;
    im[0] = 5;
    im[n / 2] = 7;
    const out = new Float64Array(n);
    fft.inverse(re, im, out);
    for (const v of out) expect(v).toBeCloseTo(1, 12);
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => createRealFft(4000)).toThrow(/power of two/);
    expect(() => createRealFft(2)).toThrow(/power of two/);
  });
});
