import type { JobPayload } from '@autoalex/contracts';
import {
  createRemixJob,
  type Db,
  finishRemixJob,
  getRemixJob,
  type RemixTimings,
  startRemixJob,
  upsertUser,
} from '@autoalex/db';
import type { Redis } from 'ioredis';

type RemixPayload = JobPayload<'remix', 'remix'>;

export type JobOutcome =
  | { status: 'succeeded'; outputKey: string; contentHash: string; timings: RemixTimings }
  | { status: 'failed' | 'cancelled'; error: string; timings: RemixTimings };

/** The remix_jobs history: one row per request, however many attempts it takes. */
export interface JobRecords {
  /** Creates the row on the first attempt (found again on retries) and marks it running; its id. */
  begin(payload: RemixPayload): Promise<string>;
  finish(id: string, outcome: JobOutcome): Promise<void>;
}

const ROW_KEY_TTL_S = 8 * 24 * 3600;

export function createJobRecords(db: Db, redis: Redis, prefix: string, now: () => number = Date.now): JobRecords {
  return {
    async begin(payload) {
      const key = `${prefix}:remix:row:${payload.meta.correlationId}`;
      let id = await redis.get(key);
      if (!id || !(await getRemixJob(db, id))) {
        const user = payload.meta.requestedBy
          ? await upsertUser(db, { discordId: payload.meta.requestedBy })
          : undefined;
        const reply = payload.reply;
        const row = await createRemixJob(db, {
          requestedByUserId: user?.id ?? null,
          guildId: payload.meta.guildId ?? null,
          channelId: reply.kind === 'discord' ? reply.channelId : null,
          messageId: reply.kind === 'discord' ? (reply.messageId ?? null) : null,
          request: storedRequest(payload),
          stem: payload.stem,
          gainDb: payload.gainDb,
          trackRatingKey:
            payload.source.kind === 'plex-track' ? payload.source.ratingKey : `upload:${payload.source.storageKey}`,
        });
        id = row.id;
        await redis.set(key, id, 'EX', ROW_KEY_TTL_S);
      }
      await startRemixJob(db, id, new Date(now()));
      return id;
    },
    async finish(id, outcome) {
      const at = new Date(now());
      await finishRemixJob(
        db,
        id,
        outcome.status === 'succeeded'
          ? {
              status: 'succeeded',
              outputKey: outcome.outputKey,
              contentHash: outcome.contentHash,
              timings: outcome.timings,
              now: at,
            }
          : { status: outcome.status, error: outcome.error, timings: outcome.timings, now: at },
      );
    },
  };
}

/** The payload as kept in the history, without the interaction token. */
export function storedRequest(payload: RemixPayload): Record<string, unknown> {
  const { reply, ...rest } = payload;
  if (reply.kind !== 'discord') return { ...rest, reply };
  const { interactionToken: _token, ...withoutToken } = reply;
  return { ...rest, reply: withoutToken };
}
