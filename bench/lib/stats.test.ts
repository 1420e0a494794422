import { describe, expect, it } from 'vitest';
import { renderTable } from './report.ts';
import { percentile, summarize } from './stats.ts';

describe('bench stats', () => {
  it('computes nearest-rank percentiles', () => {
    const sample = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(sample, 50)).toBe(50);
    expect(percentile(sample, 99)).toBe(99);
    expect(summarize([3, 1, 2]).max).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });

  it('renders an aligned table', () => {
    const text = renderTable({
      title: 'T',
      context: { cores: 2 },
      rows: [{ metric: 'p50 (ms)', values: { a: 1.5, b: 'x' } }],
    });
    expect(text).toContain('metric        a  b');
    expect(text).toContain('p50 (ms)  1.500  x');
  });
});
