// The studio capability's vocabulary (/generate, /library, /filter, the suno jobs, songs).

/** Generation models a Suno-compatible provider offers. */
export const SUNO_MODELS = ['V4', 'V4_5', 'V4_5PLUS', 'V5', 'V5_5'] as const;
export type SunoModel = (typeof SUNO_MODELS)[number];
/** Stages a provider callback reports. */
export const SUNO_CALLBACK_STAGES = ['text', 'first', 'complete', 'error'] as const;
export type SunoCallbackStage = (typeof SUNO_CALLBACK_STAGES)[number];

/** Provider limits, in characters: a simple-mode prompt, lyrics, style tags, a title. */
export const PROVIDER_LIMITS = {
  simplePrompt: 500,
  lyrics: 5000,
  style: 1000,
  title: 100,
  negativeTags: 1000,
} as const;
/** What /generate accepts (within the provider's limits). */
export const GENERATE_OPTION_LIMITS = { prompt: 500, style: 200, title: 80 } as const;

/** The life of a generated song (songs.status). */
export const SONG_STATUSES = ['pending', 'streaming', 'ready', 'failed'] as const;
export type SongStatus = (typeof SONG_STATUSES)[number];

/** What /filter and /library filter by. */
export const SONG_FILTER_KINDS = ['genre', 'style'] as const;
export type SongFilterKind = (typeof SONG_FILTER_KINDS)[number];
