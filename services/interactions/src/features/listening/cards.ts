import { type ArtLoader, renderCompareCard, renderCompletionCard } from '@autoalex/cards';
import type { CompareView, CompletionView } from '@autoalex/listening';

/** Draws the PNG cards; a rejection means the text rendering is sent instead. */
export interface CardRenderer {
  completion(view: CompletionView): Promise<Uint8Array>;
  compare(view: CompareView): Promise<Uint8Array>;
}

/** Album rows a card lists (the rest are counted). */
const CARD_ALBUMS = 8;

/** Cards with album art from `art` (Plex thumbnails); without it, or when a cover fails, placeholders. */
export function createCardRenderer(art: ArtLoader | undefined): CardRenderer {
  const options = { ...(art ? { art } : {}), maxAlbums: CARD_ALBUMS };
  return {
    completion: (view) => renderCompletionCard(view, options),
    compare: (view) => renderCompareCard(view, options),
  };
}
