import type { Image, SKRSContext2D } from '@napi-rs/canvas';

export const COLORS = {
  background: '#17181c',
  panel: '#222329',
  text: '#f2f3f5',
  muted: '#a3a6ad',
  track: '#34363d',
  accent: '#e5a00d', // Plex amber
  second: '#4aa8ff',
  done: '#3ba55d',
};

/** Cuts `text` with "…" so that it fits `maxWidth` in the current font (by code point). */
export function fitText(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (ctx.measureText(clean).width <= maxWidth) return clean;
  const points = [...clean];
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(`${points.slice(0, mid).join('')}…`).width <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${points.slice(0, low).join('').trimEnd()}…`;
}

export function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  const radius = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.beginPath();
  ctx.moveTo(x + radius, y);
  ctx.arcTo(x + w, y, x + w, y + h, radius);
  ctx.arcTo(x + w, y + h, x, y + h, radius);
  ctx.arcTo(x, y + h, x, y, radius);
  ctx.arcTo(x, y, x + w, y, radius);
  ctx.closePath();
}

/** A rounded progress bar; `ratio` is clamped to 0..1. */
export function bar(
  ctx: SKRSContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  ratio: number,
  color: string,
): void {
  const r = Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;
  ctx.fillStyle = COLORS.track;
  roundRect(ctx, x, y, w, h, h / 2);
  ctx.fill();
  if (r <= 0) return;
  ctx.fillStyle = color;
  roundRect(ctx, x, y, Math.max(h, w * r), h, h / 2);
  ctx.fill();
}

/** Album art, or a placeholder square with the title's initials when there is none. */
export function cover(
  ctx: SKRSContext2D,
  image: Image | undefined,
  title: string,
  x: number,
  y: number,
  size: number,
  fontFor: (size: number) => string,
): void {
  ctx.save();
  roundRect(ctx, x, y, size, size, Math.round(size / 10));
  ctx.clip();
  if (image) {
    ctx.drawImage(image, x, y, size, size);
  } else {
    ctx.fillStyle = COLORS.track;
    ctx.fillRect(x, y, size, size);
    const initials = [...title.replace(/[^\p{L}\p{N}\s]/gu, '').trim()]
      .filter((_, i, all) => i === 0 || all[i - 1] === ' ')
      .filter((c) => c !== ' ')
      .slice(0, 2)
      .join('')
      .toUpperCase();
    ctx.fillStyle = COLORS.muted;
    ctx.font = fontFor(Math.round(size * 0.36));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(initials || '♪', x + size / 2, y + size / 2);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
  }
  ctx.restore();
}

export function percentText(percent: number): string {
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}
