import { describe, expect, it } from 'vitest';
import { formatPercent, progressBar } from './progress-bar.ts';

describe('progressBar', () => {
  it('fills whole cells and eighths', () => {
    expect(progressBar(0.5, 10)).toBe('█████░░░░░');
    expect(progressBar(0.55, 10)).toBe('█████▌░░░░');
    expect(progressBar(1, 4)).toBe('████');
    expect(progressBar(0, 4)).toBe('░░░░');
    expect(progressBar(1 / 3, 3)).toBe('█░░');
  });

  it('clamps nonsense', () => {
    expect(progressBar(2, 4)).toBe('████');
    expect(progressBar(-1, 4)).toBe('░░░░');
    expect(progressBar(Number.NaN, 4)).toBe('░░░░');
  });

  it('always has the requested width', () => {
    for (let i = 0; i <= 100; i++) expect([...progressBar(i / 100, 12)]).toHaveLength(12);
  });

  it('formats percentages', () => {
    expect(formatPercent(85.7)).toBe('85.7 %');
    expect(formatPercent(100)).toBe('100 %');
  });
});
