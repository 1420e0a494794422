// @autoalex/cards: PNG cards for /completion and /compare (ADR 0144: @napi-rs/canvas + Noto Sans from npm).

export type { CardOptions } from './album-card.ts';
export type { ArtLoader } from './art.ts';
export { renderCompareCard } from './compare-card.ts';
export { renderCompletionCard } from './completion-card.ts';
export { CARD_FONT, ensureFonts } from './fonts.ts';
export { readPngSize } from './png.ts';
