import { describe, expect, it } from 'vitest';
import { denormalize, mixStats, normalize } from './normalize.ts';

describe('mix normalisation', () => {
  it('uses the mean and unbiased std of the mono mix, plus 1e-8', () => {
    const l = Float32Array.from([1, 2, 3, 4]);
    const r = Float32Array.from([3, 4, 5, 6]);
    // mono = 2, 3, 4, 5: mean 3.5, unbiased variance (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3.
    const stats = mixStats([l, r]);
    expect(stats.mean).toBeCloseTo(3.5, 12);
    expect(stats.scale).toBeCloseTo(Math.sqrt(5 / 3) + 1e-8, 12);
    const [nl, nr] = normalize([l, r], stats);
    expect(nl![0]).toBeCloseTo((1 - 3.5) / stats.scale, 6);
    expect(nr![3]).toBeCloseTo((6 - 3.5) / stats.scale, 6);
    denormalize([nl!, nr!], stats);
    expect([...nl!]).toEqual([...l].map((v) => expect.closeTo(v, 5)));
  });

  it('keeps silence finite: zeros in, zeros out', () => {
    const silent = [new Float32Array(1000), new Float32Array(1000)];
    const stats = mixStats(silent);
    expect(stats).toEqual({ mean: 0, scale: 1e-8 });
    const n = normalize(silent, stats);
    expect(n.every((ch) => ch.every((v) => v === 0))).toBe(true);
    denormalize(n, stats);
    expect(n.every((ch) => ch.every((v) => v === 0))).toBe(true);
  });

  it('keeps a constant signal finite (std 0): the offset comes back', () => {
    const c = [new Float32Array(10).fill(0.25), new Float32Array(10).fill(0.25)];
    const stats = mixStats(c);
    const n = normalize(c, stats);
    expect(n[0]!.every((v) => v === 0)).toBe(true);
    denormalize(n, stats);
    expect(n[1]![5]).toBeCloseTo(0.25, 7);
  });

  it('refuses empty audio', () => {
    expect(() => mixStats([])).toThrow(/empty/);
    expect(() => mixStats([new Float32Array(0)])).toThrow(/empty/);
  });
});
