import type { CompareView } from '@autoalex/listening';
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

const ROW = 58;

/** A PNG card of a compare view: both users' bars, who leads, per-album bars side by side. */
export async function renderCompareCard(view: CompareView, options: CardOptions = {}): Promise<Buffer> {
  // the albums where the two differ most come first
  const albums = [...view.albums].sort(
    (x, y) => Math.abs(y.a - y.b) / y.total - Math.abs(x.a - x.b) / x.total || x.title.localeCompare(y.title),
  );
  const { shown, more, headerArt, covers } = await prepareAlbumRows(view, albums, options);
  const { canvas, ctx } = blankCard(360 + shown.length * ROW + (more > 0 ? 30 : 0) + 40);

  cover(ctx, headerArt ? covers.get(headerArt) : undefined, view.artist.name, PAD, PAD, 96, (s) => font(s, 700));
  const textX = PAD + 96 + 24;
  ctx.fillStyle = COLORS.text;
  ctx.font = font(32, 700);
  ctx.fillText(fitText(ctx, view.artist.name, WIDTH - PAD - textX), textX, 72);
  ctx.fillStyle = COLORS.muted;
  ctx.font = font(20);
  ctx.fillText(fitText(ctx, `${view.a.user.name} vs ${view.b.user.name}`, WIDTH - PAD - textX), textX, 106);

  const sides = [
    { side: view.a, color: COLORS.accent },
    { side: view.b, color: COLORS.second },
  ];
  let y = 160;
  for (const { side, color } of sides) {
    ctx.font = font(22, 700);
    ctx.fillStyle = color;
    ctx.textAlign = 'right';
    const pct = percentText(side.percent);
    ctx.fillText(pct, WIDTH - PAD, y + 22);
    const pctWidth = ctx.measureText(pct).width;
    ctx.textAlign = 'left';
    ctx.fillText(fitText(ctx, side.user.name, 200), PAD, y + 22);
    bar(ctx, PAD + 212, y + 8, WIDTH - 2 * PAD - 212 - pctWidth - 16, 16, side.percent / 100, color);
    ctx.fillStyle = COLORS.muted;
    ctx.font = font(15);
    ctx.fillText(
      `${side.listened}/${view.total} tracks · ${side.finishedAlbums} album${side.finishedAlbums === 1 ? '' : 's'} finished`,
      PAD + 212,
      y + 48,
    );
    y += 70;
  }
  const leader = view.leader === 'a' ? view.a : view.leader === 'b' ? view.b : undefined;
  ctx.fillStyle = COLORS.text;
  ctx.font = font(22, 700);
  ctx.fillText(
    fitText(
      ctx,
      leader
        ? `${leader.user.name} leads by ${view.margin} track${view.margin === 1 ? '' : 's'}`
        : `Tied at ${view.a.listened} track${view.a.listened === 1 ? '' : 's'}`,
      WIDTH - 2 * PAD,
    ),
    PAD,
    y + 26,
  );
  y = 340;
  for (const album of shown) {
    cover(ctx, album.thumb ? covers.get(album.thumb) : undefined, album.title, PAD, y + 6, 44, (s) => font(s, 700));
    const barX = WIDTH - PAD - 60 - 240;
    ctx.fillStyle = COLORS.text;
    ctx.font = font(18, 700);
    ctx.fillText(fitText(ctx, album.title, barX - (PAD + 60) - 16), PAD + 60, y + 26);
    if (album.year) {
      ctx.fillStyle = COLORS.muted;
      ctx.font = font(14);
      ctx.fillText(String(album.year), PAD + 60, y + 46);
    }
    bar(ctx, barX, y + 12, 240, 10, album.a / album.total, COLORS.accent);
    bar(ctx, barX, y + 30, 240, 10, album.b / album.total, COLORS.second);
    ctx.font = font(14, 700);
    ctx.textAlign = 'right';
    ctx.fillStyle = COLORS.accent;
    ctx.fillText(`${album.a}/${album.total}`, WIDTH - PAD, y + 22);
    ctx.fillStyle = COLORS.second;
    ctx.fillText(`${album.b}/${album.total}`, WIDTH - PAD, y + 40);
    ctx.textAlign = 'left';
    y += ROW;
  }
  if (more > 0) drawMoreAlbums(ctx, more, PAD + 60, y + 18);
  return canvas.encode('png');
}
