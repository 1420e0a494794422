// @autoalex/listening: completion, compare and live usage view models, autocomplete from Postgres,
// and their text renderings. Handlers call these as (deps, input) → view model.
export { ARTIST_VALUE_PREFIX, type ResolvedArtist, resolveArtist } from './artist.ts';
export {
  artistChoices,
  type Choice,
  fitChoiceText,
  MAX_CHOICES,
  plexUserChoices,
  trackChoices,
} from './autocomplete.ts';
export { type CompareInput, compare } from './compare.ts';
export { type CompletionInput, completion } from './completion.ts';
export { renderCompareText } from './text/compare-text.ts';
export { lastPlayLine, renderCompletionText, unknownText } from './text/completion-text.ts';
export { formatPercent, progressBar } from './text/progress-bar.ts';
export { renderUsageText } from './text/usage-text.ts';
export * from './types.ts';
export { type StreamDecision, type StreamView, type UsageResult, usage, usageView } from './usage.ts';
