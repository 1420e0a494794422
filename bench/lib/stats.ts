/** Percentile of a sample (nearest-rank on a sorted copy); milliseconds in, milliseconds out. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(sample: readonly number[]): {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
} {
  return {
    p50: percentile(sample, 50),
    p95: percentile(sample, 95),
    p99: percentile(sample, 99),
    max: percentile(sample, 100),
    n: sample.length,
  };
}
