// The listening capability's vocabulary (/usage, /completion, /compare, the library sync).

/** LISTENED_THRESHOLD: a play counts as listened at this percentage of the track (ADR 0142). */
export const LISTENED_THRESHOLD = { min: 1, max: 100, default: 50 } as const;

/** Why a full library sync ran. */
export const SYNC_REASONS = ['schedule', 'startup', 'manual'] as const;
export type SyncReason = (typeof SYNC_REASONS)[number];
