import { describe, expect, it } from 'vitest';
import { humanDuration } from './human-duration.ts';

describe('humanDuration (Tautulli helpers.human_duration with units="s")', () => {
  it('matches the recorded strings', () => {
    expect(humanDuration(5356)).toBe('1 hr 29 mins 16 secs');
    expect(humanDuration(899)).toBe('14 mins 59 secs');
    expect(humanDuration(550)).toBe('9 mins 10 secs');
    expect(humanDuration(60)).toBe('1 min');
    expect(humanDuration(0)).toBe('0');
    expect(humanDuration(null)).toBe('0');
  });

  it('drops seconds from 300000 s on, rounding half to even minutes', () => {
    expect(humanDuration(300_000)).toBe('3 days 11 hrs 20 mins');
    expect(humanDuration(300_030)).toBe('3 days 11 hrs 20 mins');
    expect(humanDuration(300_090)).toBe('3 days 11 hrs 22 mins');
    expect(humanDuration(86_400 * 5)).toBe('5 days');
  });
});
