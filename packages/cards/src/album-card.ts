import { type Canvas, createCanvas, type Image, type SKRSContext2D } from '@napi-rs/canvas';
import { type ArtLoader, loadCovers } from './art.ts';
import { COLORS } from './draw.ts';
import { ensureFonts, font } from './fonts.ts';

export interface CardOptions {
  /** Fetches album/artist art from Plex; without it (or when it fails) covers are placeholders. */
  art?: ArtLoader;
  /** Album rows shown at most (default 8). */
  maxAlbums?: number;
}

export const CARD_WIDTH = 800;
export const CARD_PAD = 32;

interface ArtistView {
  artist: { thumb: string | undefined };
  albums: ReadonlyArray<{ thumb: string | null }>;
}

export interface AlbumRows<A> {
  /** The rows drawn, at most `maxAlbums`. */
  shown: A[];
  /** How many albums were left out. */
  more: number;
  /** The artist's image, else the first album cover. */
  headerArt: string | undefined;
  covers: Map<string, Image>;
}

/** What an artist card needs before it draws: the fonts, the rows it lists and their art, loaded in parallel. */
export async function prepareAlbumRows<A extends { thumb: string | null }>(
  view: ArtistView,
  ordered: A[],
  options: CardOptions,
): Promise<AlbumRows<A>> {
  ensureFonts();
  const shown = ordered.slice(0, Math.max(1, options.maxAlbums ?? 8));
  const headerArt = view.artist.thumb ?? view.albums.find((a) => a.thumb)?.thumb ?? undefined;
  const covers = await loadCovers(options.art, [headerArt, ...shown.map((a) => a.thumb)]);
  return { shown, more: ordered.length - shown.length, headerArt, covers };
}

/** A card-wide canvas of `height`, filled with the background colour. */
export function blankCard(height: number): { canvas: Canvas; ctx: SKRSContext2D } {
  const canvas = createCanvas(CARD_WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, CARD_WIDTH, height);
  return { canvas, ctx };
}

/** "+ 3 more albums" under the last row. */
export function drawMoreAlbums(ctx: SKRSContext2D, more: number, x: number, y: number): void {
  ctx.fillStyle = COLORS.muted;
  ctx.font = font(16);
  ctx.fillText(`+ ${more} more album${more === 1 ? '' : 's'}`, x, y);
}
