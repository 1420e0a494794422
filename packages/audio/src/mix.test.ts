import { describe, expect, it } from 'vitest';
import { dbToGain, mixStem } from './mix.ts';

describe('mixStem', () => {
  const mix = [Float32Array.from([1, 2, 3]), Float32Array.from([0, 0, 1])];
  const stem = [Float32Array.from([0.5, 1, 0]), Float32Array.from([0, 0, 1])];

  it('adds (gain − 1)·stem with gain = 10^(dB/20)', () => {
    expect(dbToGain(20)).toBeCloseTo(10, 12);
    expect(dbToGain(-6)).toBeCloseTo(0.501187, 5);
    const boosted = mixStem(mix, stem, 20);
    expect([...boosted[0]!]).toEqual([1 + 9 * 0.5, 2 + 9, 3].map((v) => expect.closeTo(v, 5)));
    expect(mixStem(mix, stem, 0)).toEqual(mix);
  });

  it('removes the stem at −∞ dB (the mix minus the stem)', () => {
    const out = mixStem(mix, stem, Number.NEGATIVE_INFINITY);
    expect([...out[0]!]).toEqual([0.5, 1, 3]);
    expect([...out[1]!]).toEqual([0, 0, 0]);
  });

  it('refuses mismatched shapes and NaN gains', () => {
    expect(() => mixStem(mix, [stem[0]!], 3)).toThrow(/channels/);
    expect(() => mixStem(mix, [stem[0]!, Float32Array.from([1])], 3)).toThrow(/samples/);
    expect(() => mixStem(mix, stem, Number.NaN)).toThrow(/decibels/);
  });
});
