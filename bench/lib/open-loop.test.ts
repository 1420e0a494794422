import { describe, expect, it } from 'vitest';
import { openLoop } from './open-loop.ts';

describe('open-loop load', () => {
  it('fires rate × duration calls in sequence and reports how late each was', async () => {
    const fired: number[] = [];
    const result = await openLoop(500, 100, (n) => fired.push(n));
    expect(result.sent).toBe(50);
    expect(fired).toEqual([...Array(50).keys()]);
    expect(result.lateMs).toHaveLength(50);
    expect(result.lateMs.every((ms) => ms >= 0)).toBe(true);
  });
});
