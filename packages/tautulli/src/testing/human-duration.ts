const FACTORS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Tautulli's `helpers.human_duration(seconds, units='s')`: "1 hr 29 mins 16 secs", "0" for nothing.
 * Under 300000 s (its `return_seconds`, compared against the raw value) seconds are shown.
 */
export function humanDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isInteger(seconds) || seconds <= 0) return '0';
  const sig = seconds < 300_000 ? 'dhms' : 'dhm';
  const r = sig === 'dhms' ? FACTORS.s : FACTORS.m;
  let ms = roundHalfEven((seconds * 1000) / r) * r;
  const d = Math.floor(ms / FACTORS.d);
  ms -= d * FACTORS.d;
  const h = Math.floor(ms / FACTORS.h);
  ms -= h * FACTORS.h;
  const m = Math.floor(ms / FACTORS.m);
  ms -= m * FACTORS.m;
  const s = Math.floor(ms / FACTORS.s);
  const parts: string[] = [];
  if (d > 0) parts.push(`${d} day${d > 1 ? 's' : ''}`);
  if (h > 0) parts.push(`${h} hr${h > 1 ? 's' : ''}`);
  if (m > 0) parts.push(`${m} min${m > 1 ? 's' : ''}`);
  if (sig === 'dhms' && s > 0) parts.push(`${s} sec${s > 1 ? 's' : ''}`);
  return parts.join(' ');
}
