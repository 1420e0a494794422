// The player capability's vocabulary (/loop, /volume, /skip, /play, /queue, the player jobs,
// guild_queue_state). The command catalogue, the job schemas and the table's checks derive from these.

/** What the player repeats. */
export const LOOP_MODES = ['off', 'track', 'queue'] as const;
export type LoopMode = (typeof LOOP_MODES)[number];
export const LOOP_MODE_LABELS: Readonly<Record<LoopMode, string>> = {
  off: 'Off',
  track: 'This song',
  queue: 'The whole queue',
};

/** Player volume in percent (100 is normal). */
export const VOLUME = { min: 0, max: 200, default: 100 } as const;
/** How many items one /skip may skip. */
export const SKIP = { min: 1, max: 100, default: 1 } as const;
/** Where a queued item goes. */
export const QUEUE_POSITIONS = ['end', 'next', 'now'] as const;
export type QueuePosition = (typeof QUEUE_POSITIONS)[number];
/** Pages of /queue and /library. */
export const PAGE = { min: 1, max: 1000, default: 1 } as const;
