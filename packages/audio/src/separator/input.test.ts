import { describe, expect, it } from 'vitest';
import { SeparationError } from '../errors.ts';
import { MIN_SAMPLES, toPlanarStereo } from './input.ts';

const ramp = (n: number, base = 0) => Float32Array.from({ length: n }, (_, i) => (base + i) / n);

describe('toPlanarStereo', () => {
  it('copies planar stereo', () => {
    const l = ramp(MIN_SAMPLES);
    const r = ramp(MIN_SAMPLES, 1);
    const [a, b] = toPlanarStereo({ sampleRate: 44_100, channels: [l, r] });
    expect(a).toEqual(l);
    expect(b).toEqual(r);
    expect(a).not.toBe(l);
  });

  it('de-interleaves, duplicates mono and keeps the first two of more channels', () => {
    const n = MIN_SAMPLES;
    const inter = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) inter.set([i, -i, 1000], 3 * i);
    const [a, b] = toPlanarStereo({ sampleRate: 44_100, interleaved: inter, channelCount: 3 });
    expect(a[7]).toBe(7);
    expect(b[7]).toBe(-7);
    const [m1, m2] = toPlanarStereo({ sampleRate: 44_100, channels: [ramp(n)] });
    expect(m2).toEqual(m1);
    expect(m2).not.toBe(m1);
  });

  const bad: [string, Parameters<typeof toPlanarStereo>[0], string, RegExp][] = [
    ['a wrong rate', { sampleRate: 48_000, channels: [ramp(MIN_SAMPLES)] }, 'AUDIO_INVALID', /48000 Hz.*44100/],
    ['no channels', { sampleRate: 44_100, channels: [] }, 'AUDIO_INVALID', /no channels/],
    ['ragged channels', { sampleRate: 44_100, channels: [ramp(MIN_SAMPLES), ramp(5000)] }, 'AUDIO_INVALID', /lengths/],
    [
      'a partial frame',
      { sampleRate: 44_100, interleaved: new Float32Array(9), channelCount: 2 },
      'AUDIO_INVALID',
      /multiple/,
    ],
    ['a short clip', { sampleRate: 44_100, channels: [ramp(100)] }, 'AUDIO_TOO_SHORT', /100 samples.*at least 4410/],
    ['nothing at all', { sampleRate: 44_100, channels: [new Float32Array(0)] }, 'AUDIO_TOO_SHORT', /0 samples/],
  ];
  it.each(bad)('rejects %s', (_, input, code, message) => {
    const run = () => toPlanarStereo(input);
    expect(run).toThrow(SeparationError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (err) {
      expect((err as SeparationError).code).toBe(code);
    }
  });

  it('names the first non-finite sample', () => {
    const l = ramp(MIN_SAMPLES);
    l[1234] = Number.NaN;
    expect(() => toPlanarStereo({ sampleRate: 44_100, channels: [ramp(MIN_SAMPLES), l] })).toThrow(
      /channel 1 has a non-finite sample at index 1234/,
    );
  });
});
