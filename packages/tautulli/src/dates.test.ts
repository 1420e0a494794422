import { describe, expect, it } from 'vitest';
import { dayOf, formatDay, isDay, toUnixSeconds } from './dates.ts';

describe('dates', () => {
  it('turns Unix seconds into UTC day numbers and back into YYYY-MM-DD', () => {
    expect(formatDay(dayOf(1794976596))).toBe(new Date(1794976596 * 1000).toISOString().slice(0, 10));
    expect(formatDay(0)).toBe('1970-01-01');
  });

  it('accepts only real calendar days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-2-1')).toBe(false);
    expect(isDay('2026-01-01; drop')).toBe(false);
  });

  it('takes Dates or seconds', () => {
    expect(toUnixSeconds(new Date(1500))).toBe(1);
    expect(toUnixSeconds(12.9)).toBe(12);
  });
});
