import type { Bus } from '@autoalex/contracts';
import { peekRemixAllowance, type RemixLimits } from '@autoalex/contracts';
import type { Db } from '@autoalex/db';
import type { DiscordRest } from '@autoalex/discord';
import { interactionKeys, redisClaims } from '@autoalex/ingress';
import { usage } from '@autoalex/listening';
import { readMonitorStatus } from '@autoalex/monitoring';
import type { PlexClient } from '@autoalex/plex';
import { readSuiteHealth } from '@autoalex/runtime';
import type { TautulliClient } from '@autoalex/tautulli';
import type { Redis } from 'ioredis';
import { buildCommandRegistry } from './commands/index.ts';
import { loadComponentState, saveComponentState } from './component-state.ts';
import { buildComponentRegistry } from './components/index.ts';
import type { InteractionServiceDeps } from './handle-interaction.ts';
import { createCardRenderer } from './library/cards.ts';
import { createLibraryReads } from './library/library-reads.ts';
import { type RateLimits, takeRateLimit } from './rate-limit.ts';
import { responderFor } from './responder-for.ts';

export interface ServiceDepsOptions {
  redis: Redis;
  queuePrefix: string;
  rest: DiscordRest;
  /** Postgres: the library mirror, users, incidents. */
  db: Db;
  /** Producer for the `remix` queue. */
  bus: Pick<Bus, 'enqueue'>;
  instance: string;
  limits: RateLimits;
  /** LISTENED_THRESHOLD (percent). */
  listenedThreshold: number;
  remixLimits: RemixLimits;
  /** Unset without TAUTULLI_URL/TAUTULLI_API_KEY: /usage says so. */
  tautulli?: Pick<TautulliClient, 'activity'> | undefined;
  /** Unset without PLEX_URL/PLEX_TOKEN: cards draw placeholders instead of album art. */
  plex?: Pick<PlexClient, 'thumbnail'> | undefined;
  logger: { warn(fields: object, message: string): void };
  onOutcome?: InteractionServiceDeps['onOutcome'];
  now?: () => number;
}

/** Width of the covers the cards ask Plex for. */
const ART_WIDTH = 160;

/**
 * Everything the interaction handler needs, over one Redis connection. Builds the command and
 * component registries, so it throws when a catalogue command has no handler (or two).
 */
export function createServiceDeps(options: ServiceDepsOptions): InteractionServiceDeps {
  const { redis, queuePrefix, limits, db, plex, tautulli } = options;
  const now = options.now ?? Date.now;
  return {
    registries: { commands: buildCommandRegistry(), components: buildComponentRegistry() },
    claims: redisClaims(redis, queuePrefix),
    readHandled: (id) => redis.get(interactionKeys(queuePrefix, id).handled),
    instance: options.instance,
    rateLimit: (who) => takeRateLimit(redis, queuePrefix, limits, who),
    responderFor: (job, log) => responderFor({ rest: options.rest, redis, queuePrefix }, job, log),
    saveState: (prefix, state) => saveComponentState(redis, queuePrefix, prefix, state),
    loadState: (id) => loadComponentState(redis, queuePrefix, id),
    readHealth: () => readSuiteHealth(redis, queuePrefix, { logger: options.logger }),
    readMonitor: () => readMonitorStatus({ db, redis, queuePrefix, now }),
    library: createLibraryReads(db, { threshold: options.listenedThreshold }),
    usage: { configured: tautulli !== undefined, read: () => usage({ tautulli }) },
    cards: createCardRenderer(plex ? (thumb) => plex.thumbnail(thumb, { width: ART_WIDTH }) : undefined),
    remix: {
      allowance: (userId) => peekRemixAllowance(redis, queuePrefix, options.remixLimits, userId, now()),
      enqueue: (payload) => options.bus.enqueue('remix', 'remix', payload),
    },
    now,
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
  };
}
