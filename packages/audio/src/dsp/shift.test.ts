import { describe, expect, it } from 'vitest';
import { MAX_SHIFT } from './constants.ts';
import { randomShiftLead, seededRandom } from './shift.ts';

describe('random shift', () => {
  it('is reproducible from a seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('maps randint(0, 22050) inclusive to a lead of 22050 − offset', () => {
    expect(randomShiftLead(() => 0)).toBe(MAX_SHIFT);
    expect(randomShiftLead(() => 0.999_999_999)).toBe(0);
    expect(randomShiftLead(() => 0.5)).toBe(MAX_SHIFT - 11_025);
    const r = seededRandom(7);
    const leads = Array.from({ length: 2000 }, () => randomShiftLead(r));
    expect(Math.min(...leads)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...leads)).toBeLessThanOrEqual(MAX_SHIFT);
    expect(new Set(leads).size).toBeGreaterThan(1900);
  });
});
