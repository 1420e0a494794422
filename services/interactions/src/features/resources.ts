import type { Bus, RemixLimits } from '@autoalex/contracts';
import type { Db } from '@autoalex/db';
import type { PlexClient } from '@autoalex/plex';
import type { TautulliClient } from '@autoalex/tautulli';
import type { Redis } from 'ioredis';

/**
 * What the service opened at start (main.ts), from which each feature's `deps` makes what its
 * handlers need. A new upstream client or setting is added here once; features pick from it.
 */
export interface Resources {
  readonly redis: Redis;
  readonly queuePrefix: string;
  /** Postgres: the library mirror, users, incidents. */
  readonly db: Db;
  /** Producer for the queues features hand work to (`remix`). */
  readonly bus: Pick<Bus, 'enqueue'>;
  /** LISTENED_THRESHOLD (percent). */
  readonly listenedThreshold: number;
  readonly remixLimits: RemixLimits;
  /** Unset without TAUTULLI_URL/TAUTULLI_API_KEY: /usage says so. */
  readonly tautulli?: Pick<TautulliClient, 'activity'> | undefined;
  /** Unset without PLEX_URL/PLEX_TOKEN: cards draw placeholders instead of album art. */
  readonly plex?: Pick<PlexClient, 'thumbnail'> | undefined;
  readonly logger: { warn(fields: object, message: string): void };
  readonly now?: (() => number) | undefined;
}
