import { join } from 'node:path';
import { modelPathsIn, type Separator } from '@autoalex/audio';
import type { Bus, JobPayload, Meta, ReplyTarget } from '@autoalex/contracts';
import { createRemixLimiter } from '@autoalex/contracts';
import type { Db } from '@autoalex/db';
import { createResponder, type DiscordRest } from '@autoalex/discord';
import type { PlexClient } from '@autoalex/plex';
import type { BlobStore } from '@autoalex/storage';
import type { Redis } from 'ioredis';
import { createStemCache } from '../cache/stem-cache.ts';
import type { Config } from '../config.ts';
import type { RemixWorkerDeps } from './handle-remix.ts';
import { createJobRecords } from './job-records.ts';
import { createQueueAnnouncer } from './queue-positions.ts';

const MB = 1024 * 1024;

/** Where the models are: DEMUCS_MODEL_DIR, else DATA_DIR/models. */
export function modelDirOf(config: Pick<Config, 'DEMUCS_MODEL_DIR' | 'DATA_DIR'>): string {
  return config.DEMUCS_MODEL_DIR ?? join(config.DATA_DIR, 'models');
}

export interface ServiceDepsOptions {
  readonly config: Config;
  readonly db: Db;
  readonly redis: Redis;
  readonly storage: BlobStore;
  readonly separator: Separator;
  readonly rest: DiscordRest;
  readonly plex: PlexClient | undefined;
  /** For the queue positions of waiting remixes. */
  readonly bus: Pick<Bus, 'waiting'>;
  readonly isShuttingDown: () => boolean;
  readonly logger: { warn(fields: object, message: string): void };
}

/** Everything the remix handler needs, built from the process's connections and its config. */
export function createServiceDeps(options: ServiceDepsOptions): RemixWorkerDeps {
  const { config, db, redis, storage, logger } = options;
  const prefix = config.QUEUE_PREFIX;
  const responderFor = (reply: ReplyTarget, meta: Meta) =>
    createResponder(reply, { rest: options.rest, redis, queuePrefix: prefix, meta, logger });
  return {
    pipeline: {
      separator: options.separator,
      modelPaths: modelPathsIn(modelDirOf(config)),
      cache: createStemCache({ db, storage, budgetBytes: config.REMIX_STEM_CACHE_MB * MB, logger }),
      maxSeconds: config.REMIX_MAX_SECONDS,
      logger,
    },
    sources: {
      plex: options.plex,
      storage,
      maxBytes: config.REMIX_MAX_DOWNLOAD_MB * MB,
      logger,
    },
    storage,
    linkTtlSeconds: config.REMIX_LINK_TTL,
    responderFor,
    limiter: createRemixLimiter(redis, prefix, {
      activePerUser: config.REMIX_ACTIVE_PER_USER,
      perDay: config.REMIX_DAILY_LIMIT,
    }),
    records: createJobRecords(db),
    announceQueue: createQueueAnnouncer({
      bus: options.bus,
      responderFor: (payload: JobPayload<'remix', 'remix'>) => responderFor(payload.reply, payload.meta),
      logger,
    }),
    isShuttingDown: options.isShuttingDown,
  };
}
