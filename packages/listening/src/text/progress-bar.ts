const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A unicode progress bar `width` cells wide, in eighths of a cell: progressBar(0.5, 10) is
 * "█████░░░░░". A ratio below 0 or above 1 (or NaN) is clamped.
 */
export function progressBar(ratio: number, width = 20): string {
  const r = Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;
  const eighths = Math.round(r * width * 8);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8] ?? '';
  const used = full + (part ? 1 : 0);
  return `${'█'.repeat(full)}${part}${'░'.repeat(Math.max(0, width - used))}`;
}

/** "62.5 %" style percentage with one decimal, "100 %" and "0 %" without. */
export function formatPercent(percent: number): string {
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)} %`;
}
