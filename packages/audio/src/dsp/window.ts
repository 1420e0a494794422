/** Periodic Hann window, as torch.hann_window(n): w[i] = 0.5 − 0.5·cos(2πi/n). */
export function hannPeriodic(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}
