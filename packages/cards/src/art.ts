import { type Image, loadImage } from '@napi-rs/canvas';

/** Fetches image bytes for a Plex thumb path (e.g. `plex.thumbnail(thumb, { width: 160 })`). */
export type ArtLoader = (thumb: string) => Promise<Buffer | Uint8Array | undefined>;

/**
 * Loads the covers a card shows, in parallel. Any failure (no loader, Plex down, not an image) gives
 * no art for that cover, never an error: the card draws a placeholder instead.
 */
export async function loadCovers(
  loader: ArtLoader | undefined,
  thumbs: ReadonlyArray<string | null | undefined>,
): Promise<Map<string, Image>> {
  const out = new Map<string, Image>();
  if (!loader) return out;
  const unique = [...new Set(thumbs.filter((t): t is string => Boolean(t)))];
  await Promise.all(
    unique.map(async (thumb) => {
      try {
        const bytes = await loader(thumb);
        if (!bytes || bytes.length === 0) return;
        out.set(thumb, await loadImage(Buffer.from(bytes)));
      } catch {
        // no art for this one
      }
    }),
  );
  return out;
}
