import type { AlbumProgress, CompletionView } from '@autoalex/listening';
import {
  blankCard,
  type CardOptions,
  drawMoreAlbums,
  CARD_PAD as PAD,
  prepareAlbumRows,
  CARD_WIDTH as WIDTH,
} from './album-card.ts';
import { bar, COLORS, cover, fitText, percentText } from './draw.ts';
import { font } from './fonts.ts';

const ROW = 64;

/** Albums in the order the card lists them: in progress (nearest first), finished, then not started. */
function listed(view: CompletionView): AlbumProgress[] {
  const notStarted = view.albums.filter((a) => a.listened === 0);
  return [...view.inProgress, ...view.finished, ...notStarted];
}

/** A PNG card of a completion view: overall bar, per-album bars with covers, last play. */
export async function renderCompletionCard(view: CompletionView, options: CardOptions = {}): Promise<Buffer> {
  const { shown, more, headerArt, covers } = await prepareAlbumRows(view, listed(view), options);
  const { canvas, ctx } = blankCard(250 + shown.length * ROW + (more > 0 ? 30 : 0) + 80);

  // header
  cover(ctx, headerArt ? covers.get(headerArt) : undefined, view.artist.name, PAD, PAD, 120, (s) => font(s, 700));
  ctx.fillStyle = COLORS.accent;
  ctx.font = font(52, 700);
  ctx.textAlign = 'right';
  const percent = percentText(view.percent);
  ctx.fillText(percent, WIDTH - PAD, 100);
  const percentWidth = ctx.measureText(percent).width;
  ctx.textAlign = 'left';
  const textX = PAD + 120 + 24;
  const textWidth = WIDTH - PAD - textX - percentWidth - 24;
  ctx.fillStyle = COLORS.text;
  ctx.font = font(34, 700);
  ctx.fillText(fitText(ctx, view.artist.name, textWidth), textX, 80);
  ctx.fillStyle = COLORS.muted;
  ctx.font = font(20);
  ctx.fillText(fitText(ctx, `${view.user.name} · discography completion`, textWidth), textX, 116);

  // overall
  bar(ctx, PAD, 176, WIDTH - 2 * PAD, 18, view.percent / 100, COLORS.accent);
  ctx.fillStyle = COLORS.muted;
  ctx.font = font(18);
  const stats = [
    `${view.listened} of ${view.total} tracks`,
    `${view.finished.length} finished`,
    `${view.inProgress.length} in progress`,
    `${view.notStarted} not started`,
  ].join(' · ');
  ctx.fillText(fitText(ctx, stats, WIDTH - 2 * PAD), PAD, 224);

  // albums
  let y = 250;
  for (const album of shown) {
    cover(ctx, album.thumb ? covers.get(album.thumb) : undefined, album.title, PAD, y + 8, 48, (s) => font(s, 700));
    const barX = WIDTH - PAD - 80 - 220;
    ctx.fillStyle = COLORS.text;
    ctx.font = font(20, 700);
    ctx.fillText(fitText(ctx, album.title, barX - (PAD + 64) - 16), PAD + 64, y + 30);
    ctx.fillStyle = COLORS.muted;
    ctx.font = font(15);
    const sub = [
      album.year ? String(album.year) : '',
      album.albumArtist && album.albumArtist !== view.artist.name ? album.albumArtist : '',
    ]
      .filter(Boolean)
      .join(' · ');
    if (sub) ctx.fillText(fitText(ctx, sub, barX - (PAD + 64) - 16), PAD + 64, y + 52);
    const done = album.listened === album.total;
    bar(ctx, barX, y + 24, 220, 12, album.listened / album.total, done ? COLORS.done : COLORS.accent);
    ctx.fillStyle = done ? COLORS.done : COLORS.text;
    ctx.font = font(18, 700);
    ctx.textAlign = 'right';
    ctx.fillText(`${album.listened}/${album.total}`, WIDTH - PAD, y + 36);
    ctx.textAlign = 'left';
    y += ROW;
  }
  if (more > 0) {
    drawMoreAlbums(ctx, more, PAD + 64, y + 18);
    y += 30;
  }

  // footer
  ctx.fillStyle = COLORS.muted;
  ctx.font = font(16);
  const last = view.lastPlay
    ? `Last play: ${view.lastPlay.track} (${view.lastPlay.album}), ${view.lastPlay.at.toISOString().slice(0, 10)}`
    : 'No plays yet';
  ctx.fillText(fitText(ctx, last, WIDTH - 2 * PAD), PAD, y + 34);
  ctx.font = font(13);
  ctx.fillText(`A play counts when Tautulli marks it played or it reached ${view.threshold}%.`, PAD, y + 60);
  return canvas.encode('png');
}
