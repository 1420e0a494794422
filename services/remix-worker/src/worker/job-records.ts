import type { JobPayload } from '@autoalex/contracts';
import {
  claimRemixDelivery,
  type Db,
  type DeliveryClaim,
  findRemixJob,
  finishRemixJob,
  openRemixJob,
  type RemixDelivery,
  type RemixTimings,
  recordRemixDelivered,
  startRemixJob,
  upsertUser,
} from '@autoalex/db';
import type { RemixStatus } from '@autoalex/terms/remix';

type RemixPayload = JobPayload<'remix', 'remix'>;

export type JobOutcome = { status: 'failed' | 'cancelled'; error: string; timings?: RemixTimings | undefined };

/** What a delivered remix's row says: enough to answer a re-run the same way. */
export type Delivered = RemixDelivery & { outputKey: string };

export interface RemixRecord {
  readonly id: string;
  readonly status: RemixStatus;
  /** Set once the final message went out: every later run of the request stops at once. */
  readonly delivered: Delivered | undefined;
}

export type Claim = { status: 'claimed' } | { status: 'delivered'; delivered: Delivered } | { status: 'busy' };

/**
 * The remix_jobs history: one row per request (by correlation id), however many runs it takes, and
 * the record that makes delivery exactly once (ADR 0229).
 */
export interface JobRecords {
  /** The request's row, if a run created it. */
  find(payload: RemixPayload): Promise<RemixRecord | undefined>;
  /** Creates the row on the first run (found again on later ones) and marks it running; its id. */
  begin(payload: RemixPayload): Promise<string>;
  /**
   * Claims sending the final message. `busy`: another run claimed it less than `leaseMs` ago and
   * has not confirmed; `delivered`: another run delivered it.
   */
  claimDelivery(id: string, leaseMs: number): Promise<Claim>;
  /** Confirms the delivery: the job succeeded. Call before the job completes. */
  delivered(id: string, outcome: { contentHash: string; timings: RemixTimings; delivered: Delivered }): Promise<void>;
  /** Records a failure or cancellation; never over a delivery. */
  finish(id: string, outcome: JobOutcome): Promise<void>;
}

export function createJobRecords(db: Db, now: () => number = Date.now): JobRecords {
  const toRecord = (row: {
    id: string;
    status: RemixStatus;
    deliveredAt: Date | null;
    delivery: RemixDelivery | null;
    outputKey: string | null;
  }): RemixRecord => ({
    id: row.id,
    status: row.status,
    delivered: row.deliveredAt && row.delivery ? { ...row.delivery, outputKey: row.outputKey ?? '' } : undefined,
  });
  return {
    async find(payload) {
      const row = await findRemixJob(db, payload.meta.correlationId);
      return row ? toRecord(row) : undefined;
    },
    async begin(payload) {
      const user = payload.meta.requestedBy ? await upsertUser(db, { discordId: payload.meta.requestedBy }) : undefined;
      const reply = payload.reply;
      const row = await openRemixJob(db, {
        correlationId: payload.meta.correlationId,
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
      await startRemixJob(db, row.id, new Date(now()));
      return row.id;
    },
    async claimDelivery(id, leaseMs) {
      const at = now();
      const claim: DeliveryClaim = await claimRemixDelivery(db, id, {
        now: new Date(at),
        staleBefore: new Date(at - leaseMs),
      });
      if (claim.status !== 'delivered') return { status: claim.status };
      const delivered = toRecord(claim.job).delivered;
      return delivered ? { status: 'delivered', delivered } : { status: 'busy' };
    },
    async delivered(id, { contentHash, timings, delivered }) {
      const { outputKey, ...delivery } = delivered;
      await recordRemixDelivered(db, id, { outputKey, contentHash, timings, delivery, now: new Date(now()) });
    },
    async finish(id, outcome) {
      await finishRemixJob(db, id, {
        status: outcome.status,
        error: outcome.error,
        ...(outcome.timings ? { timings: outcome.timings } : {}),
        now: new Date(now()),
      });
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
