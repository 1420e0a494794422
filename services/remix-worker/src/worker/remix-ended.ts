import type { JobEnd } from '@autoalex/contracts';
import type { RemixPayload, RemixWorkerDeps } from './handle-remix.ts';
import { failedText, gaveUpReason } from './messages.ts';

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * A remix job ended for good (runWorker's `ended` hook, ADR 0229): once per job, on whichever
 * replica saw it end. Given up after its workers kept stopping mid-job, no run had its say: the
 * user is told, the row failed, the slot and the day's count given back. Failed otherwise, the
 * handler told the user already: only what it could not finish (a row still running, a slot
 * still held) is finished here. A delivered remix is left as it is. Idempotent: a hook that
 * throws is run again by the sweep.
 */
export async function remixEnded(deps: RemixWorkerDeps, payload: RemixPayload, end: JobEnd): Promise<void> {
  const who = payload.meta.requestedBy
    ? { userId: payload.meta.requestedBy, jobId: end.jobId, correlationId: payload.meta.correlationId }
    : undefined;
  const stored = await deps.records?.find(payload);
  const delivered = stored?.delivered !== undefined;
  const gaveUp = end.cause === 'stalled' && !delivered;
  const reason = gaveUp ? gaveUpReason(end.stalls) : end.reason;
  if (stored && !FINAL.has(stored.status)) await deps.records?.finish(stored.id, { status: 'failed', error: reason });
  if (who) await deps.limiter?.release(who, { refund: !delivered });
  if (!gaveUp) return;
  const responder = deps.responderFor(payload.reply, payload.meta);
  const spec = { stem: payload.stem, gainDb: payload.gainDb, preset: payload.preset };
  await responder.editOriginal({ content: failedText({ spec }, reason) });
  await responder.complete('error');
  end.log.warn({ stalls: end.stalls }, 'remix given up after its workers stopped mid-job; the user was told');
}
