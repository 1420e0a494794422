import { describe, expect, it } from 'vitest';
import {
  BOOST,
  formatDb,
  GAIN_DB,
  isPreset,
  isStem,
  PRESETS,
  REDUCE,
  remixLabel,
  STEM_LABELS,
  STEMS,
} from './remix.ts';

describe('remix terms', () => {
  it('writes gains as people do and names presets', () => {
    expect(formatDb(4)).toBe('+4');
    expect(formatDb(-60)).toBe('-60');
    expect(formatDb(4.25)).toBe('+4.3');
    expect(remixLabel({ stem: 'bass', gainDb: 4 })).toBe('bass +4 dB');
    expect(remixLabel({ stem: 'vocals', gainDb: -60, preset: 'karaoke' })).toBe('karaoke');
    // A preset that does not match the stem is not trusted for the label.
    expect(remixLabel({ stem: 'bass', gainDb: -60, preset: 'karaoke' })).toBe('bass -60 dB');
  });

  it('labels every stem once and keeps the ranges inside the gain the job accepts', () => {
    expect(Object.keys(STEM_LABELS).sort()).toEqual([...STEMS].sort());
    for (const range of [BOOST, REDUCE]) {
      expect(range.minDb).toBeGreaterThanOrEqual(GAIN_DB.min);
      expect(range.maxDb).toBeLessThanOrEqual(GAIN_DB.max);
      expect(range.defaultDb).toBeGreaterThanOrEqual(range.minDb);
      expect(range.defaultDb).toBeLessThanOrEqual(range.maxDb);
    }
    for (const [name, preset] of Object.entries(PRESETS)) {
      expect(isPreset(name)).toBe(true);
      expect(isStem(preset.stem)).toBe(true);
    }
    expect(isStem('no_vocals')).toBe(false);
  });
});
