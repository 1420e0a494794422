import { describe, expect, it } from 'vitest';
import { bitratesWorthTrying, remixFileName } from './deliver.ts';

describe('bitratesWorthTrying', () => {
  it('skips bitrates whose size cannot fit', () => {
    expect(bitratesWorthTrying(10_000_000, 320, 9_000_000)).toEqual([256, 192, 128]);
    expect(bitratesWorthTrying(10_000_000, 320, 6_500_000)).toEqual([192, 128]);
    expect(bitratesWorthTrying(10_000_000, 320, 3_000_000)).toEqual([]);
    expect(bitratesWorthTrying(10_000_000, 192, 9_000_000)).toEqual([128]);
  });
});

describe('remixFileName', () => {
  it('keeps safe characters of the title', () => {
    expect(remixFileName('So What (bass +4 dB)')).toBe('So What (bass +4 dB).mp3');
    expect(remixFileName('Café/../"Noir" (karaoke)')).toBe('Cafe..Noir (karaoke).mp3');
    expect(remixFileName('***')).toBe('remix.mp3');
    expect(remixFileName('x'.repeat(300))).toHaveLength(96 + 4);
  });
});
