import { type Bus, type JobPayload, remixJobs } from '@autoalex/contracts';
import type { Responder } from '@autoalex/discord';
import { phaseText } from './messages.ts';

type RemixPayload = JobPayload<'remix', 'remix'>;

export interface QueuePositionDeps {
  /** The bus's read-only view of the waiting remixes. */
  readonly bus: Pick<Bus, 'waiting'>;
  readonly responderFor: (payload: RemixPayload) => Responder;
  readonly now?: () => number;
  readonly logger?: { warn(fields: object, message: string): void } | undefined;
  /** How many waiting jobs get their position shown (default 10). */
  readonly limit?: number;
}

/** Stop using a Discord token this long before it expires (an edit then would land in the channel). */
const TOKEN_MARGIN_MS = 60_000;

/**
 * Tells the first waiting remixes where they stand ("queued, position 2 in line"), by editing each
 * one's message. Called when a job starts, which is when positions move. Remembers what it last
 * said per job, so an unchanged position is not edited again. Never throws.
 */
export function createQueueAnnouncer(deps: QueuePositionDeps): () => Promise<void> {
  const shown = new Map<string, number>();
  const now = deps.now ?? Date.now;
  return async () => {
    try {
      const waiting = await deps.bus.waiting('remix', deps.limit ?? 10);
      const seen = new Set<string>();
      for (const [index, job] of waiting.entries()) {
        const id = job.id;
        seen.add(id);
        const position = index + 1;
        if (shown.get(id) === position) continue;
        const parsed = remixJobs.remix.safeParse(job.data);
        if (!parsed.success) continue;
        const payload = parsed.data;
        if (payload.reply.kind === 'discord' && payload.reply.tokenExpiresAt - TOKEN_MARGIN_MS <= now()) continue;
        shown.set(id, position);
        const spec = { stem: payload.stem, gainDb: payload.gainDb, preset: payload.preset };
        try {
          await deps.responderFor(payload).editOriginal({ content: phaseText({ name: 'queued', position }, { spec }) });
        } catch (err) {
          deps.logger?.warn({ err, jobId: id }, 'could not show a waiting remix its queue position');
        }
      }
      for (const id of shown.keys()) if (!seen.has(id)) shown.delete(id);
    } catch (err) {
      deps.logger?.warn({ err }, 'could not read the remix queue for positions');
    }
  };
}
