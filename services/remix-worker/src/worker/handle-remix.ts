import {
  isLockLost,
  type JobContext,
  type JobPayload,
  type Meta,
  type RemixLimiter,
  type ReplyTarget,
} from '@autoalex/contracts';
import type { RemixTimings } from '@autoalex/db';
import type { OutgoingMessage, Responder } from '@autoalex/discord';
import type { BlobStore } from '@autoalex/storage';
import { UnrecoverableError } from 'bullmq';
import { type PipelineDeps, type RemixOutput, runRemixPipeline } from '../pipeline/run-remix.ts';
import { withTempDir } from '../pipeline/temp-dir.ts';
import { isRemixError } from '../remix/errors.ts';
import { gainProblem, type RemixSpec } from '../remix/request.ts';
import { acquireSource, type SourceDeps } from '../sources/acquire.ts';
import { type Delivery, deliverRemix, remixFileName } from './deliver.ts';
import { sendOnce } from './deliver-once.ts';
import type { Delivered, JobRecords } from './job-records.ts';
import {
  cancelledText,
  doneText,
  failedText,
  limitText,
  type Phase,
  requeuedText,
  retryText,
  type Subject,
} from './messages.ts';
import { createProgressMessage, type ProgressMessage } from './progress.ts';
import { userReason } from './reasons.ts';

export type RemixPayload = JobPayload<'remix', 'remix'>;

export interface RemixWorkerDeps {
  readonly pipeline: PipelineDeps;
  readonly sources: SourceDeps;
  readonly storage: BlobStore;
  /** Lifetime of download links for remixes over the attachment limit. */
  readonly linkTtlSeconds: number;
  readonly responderFor: (reply: ReplyTarget, meta: Meta) => Responder;
  readonly limiter?: RemixLimiter | undefined;
  readonly records?: JobRecords | undefined;
  /** Shows waiting jobs their queue position (called as each job starts). */
  readonly announceQueue?: (() => Promise<void>) | undefined;
  /** True once the process is stopping: an aborted job then goes back to the queue. */
  readonly isShuttingDown: () => boolean;
  readonly tempDir?: string | undefined;
  readonly progressIntervalMs?: number | undefined;
  readonly now?: () => number;
}

export interface RemixJobResult {
  readonly outputKey: string;
  readonly delivered: Delivery['kind'];
  readonly bitrateKbps: number;
  readonly bytes: number;
  readonly cacheHit: boolean;
}

/**
 * One `remix` job: per-user limits → the source into a temp folder → decode, stem (cache or Demucs),
 * mix, MP3 → stored and delivered (attachment, smaller attachment, or link), all in ONE message
 * edited along the way. Expected failures (bad input, limits, missing model) tell the user and fail
 * the job once; faults are retried with the user told so; a shutdown sends the job back to the queue.
 * Delivery is exactly once (ADR 0229): a run first looks whether the request was delivered already
 * and stops at once if so; the final message is claimed, sent and confirmed on the row before the
 * job completes. A run that lost its lock stops quietly: the run after the stall owns the job.
 */
export async function handleRemix(
  deps: RemixWorkerDeps,
  payload: RemixPayload,
  ctx: JobContext,
): Promise<RemixJobResult> {
  const now = deps.now ?? Date.now;
  const spec: RemixSpec = { stem: payload.stem, gainDb: payload.gainDb, preset: payload.preset };
  let subject: Subject = { spec };
  const who = payload.meta.requestedBy
    ? { userId: payload.meta.requestedBy, jobId: ctx.jobId, correlationId: payload.meta.correlationId }
    : undefined;
  const responder = deps.responderFor(payload.reply, payload.meta);
  const progress = createProgressMessage(responder, subject, {
    minIntervalMs: deps.progressIntervalMs,
    now,
    logger: ctx.log,
    onPhase: (phase) => report(deps, ctx, who, phase),
  });
  const refused = gainProblem(spec.gainDb, spec.gainDb > 0 ? 'boost' : 'reduce');
  if (refused) return refuse(progress, responder, subject, refused);

  const timings: RemixTimings = {};
  let rowId: string | undefined;
  let contentHash: string | undefined;
  let sentFinal = false;
  const failure = (err: unknown) => ({ err, progress, responder, subject, who, rowId, timings, payload, sentFinal });
  try {
    // Before anything touches the message: a request delivered by an earlier run stops here.
    const stored = await deps.records?.find(payload);
    if (stored?.delivered) return await alreadyDelivered(deps, ctx, who, responder, stored.delivered);
  } catch (err) {
    throw await failed(deps, ctx, { ...failure(err), who: undefined });
  }
  if (ctx.resumed) progress.phase({ name: 'resuming', restarts: ctx.stalls });
  void deps.announceQueue?.();
  if (who && deps.limiter) {
    const verdict = await deps.limiter.take(who);
    if (!verdict.ok) return refuse(progress, responder, subject, limitText(verdict.reason, verdict.limit));
  }

  try {
    rowId = await deps.records?.begin(payload);
    const result = await withTempDir(async (workDir) => {
      progress.phase({ name: 'downloading' });
      let t = now();
      const source = await acquireSource(deps.sources, payload.source, workDir, ctx.signal);
      timings.downloadMs = now() - t;
      contentHash = source.file.sha256;
      subject = { spec, title: source.track.title ?? source.track.filename, artist: source.track.artist };
      progress.setSubject(subject);

      const output: RemixOutput = await runRemixPipeline(deps.pipeline, {
        workDir,
        source: source.file,
        spec,
        track: source.track,
        signal: ctx.signal,
        onProgress: (p) =>
          progress.phase(p.phase === 'mixing' ? { name: 'mixing' } : { name: 'separating', percent: p.fraction * 100 }),
      });
      timings.separateMs = output.timings.decodeMs + output.timings.separateMs;
      timings.encodeMs = output.timings.encodeMs;

      t = now();
      const outputKey = `remixes/${new Date(now()).toISOString().slice(0, 10)}/${rowId ?? safeSegment(ctx.jobId)}/remix-${spec.stem}.mp3`;
      const delivery = await deliverRemix(
        { storage: deps.storage, linkTtlSeconds: deps.linkTtlSeconds },
        {
          output,
          storageKey: outputKey,
          attachmentSizeLimit: payload.reply.kind === 'discord' ? payload.reply.attachmentSizeLimit : undefined,
          onUploading: (bytes) => progress.phase({ name: 'uploading', bytes }),
        },
      );
      const final = finalMessage(subject, output, delivery);
      const sent = await sendOnce({
        records: deps.records,
        rowId,
        signal: ctx.signal,
        send: async () => {
          const message = await progress.finish(final);
          sentFinal = true;
          return message;
        },
        restore: async (content) => {
          await progress.finish({ content });
          sentFinal = true;
        },
      });
      if (sent.by === 'another-run') {
        ctx.log.info({ outputKey: sent.delivered.outputKey }, 'another run of this remix delivered it; stopping');
        return resultOf(sent.delivered);
      }
      timings.uploadMs = now() - t;
      const delivered: Delivered = {
        kind: delivery.kind,
        bitrateKbps: delivery.bitrateKbps,
        bytes: delivery.bytes,
        cacheHit: output.cacheHit,
        content: final.content ?? '',
        messageId: sent.sent?.id,
        outputKey,
      };
      if (rowId)
        await confirmDelivery(deps.records, ctx, rowId, { contentHash: contentHash ?? '', timings, delivered });
      return resultOf(delivered);
    }, deps.tempDir);
    if (who) await deps.limiter?.release(who).catch((err: unknown) => ctx.log.warn({ err }, 'could not free the slot'));
    await responder.complete('ok');
    return result;
  } catch (err) {
    throw await failed(deps, ctx, failure(err));
  }
}

/** A run of a request that an earlier run delivered: frees what it holds and answers the same. */
async function alreadyDelivered(
  deps: RemixWorkerDeps,
  ctx: JobContext,
  who: { userId: string; jobId: string; correlationId: string } | undefined,
  responder: Responder,
  delivered: Delivered,
): Promise<RemixJobResult> {
  ctx.log.info({ outputKey: delivered.outputKey }, 'this remix was delivered by an earlier run; stopping');
  const warn = (what: string) => (e: unknown) => ctx.log.warn({ err: e }, what);
  if (who) await deps.limiter?.release(who).catch(warn('could not free the slot'));
  await responder.complete('ok').catch(warn('could not complete the answer'));
  return resultOf(delivered);
}

/**
 * Records the delivery, a few times if Postgres hiccups. The user has the remix whatever happens
 * here, so a record that cannot be written is logged and the job still completes: failing it would
 * run it again for nothing.
 */
async function confirmDelivery(
  records: JobRecords | undefined,
  ctx: JobContext,
  rowId: string,
  outcome: Parameters<JobRecords['delivered']>[1],
): Promise<void> {
  for (let attempt = 1; records; attempt++) {
    try {
      await records.delivered(rowId, outcome);
      return;
    } catch (err) {
      if (attempt >= 3) {
        ctx.log.error({ err, rowId }, 'could not record the delivered remix');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

function resultOf(delivered: Delivered): RemixJobResult {
  return {
    outputKey: delivered.outputKey,
    delivered: delivered.kind,
    bitrateKbps: delivered.bitrateKbps,
    bytes: delivered.bytes,
    cacheHit: delivered.cacheHit,
  };
}

/** Refused before any work: told once, failed once. */
async function refuse(
  progress: ProgressMessage,
  responder: Responder,
  subject: Subject,
  reason: string,
): Promise<never> {
  await progress.finish({ content: failedText(subject, reason) });
  await responder.complete('error');
  throw new UnrecoverableError(reason);
}

interface Failure {
  err: unknown;
  progress: ProgressMessage;
  responder: Responder;
  subject: Subject;
  who: { userId: string; jobId: string; correlationId: string } | undefined;
  rowId: string | undefined;
  timings: RemixTimings;
  payload: RemixPayload;
  /** The final message went out: nothing may cover it any more. */
  sentFinal: boolean;
}

/** Tells the user and the history what happened; returns what the job must throw. */
async function failed(deps: RemixWorkerDeps, ctx: JobContext, f: Failure): Promise<unknown> {
  const { err, progress, responder, subject, who } = f;
  const warn = (what: string) => (e: unknown) => ctx.log.warn({ err: e }, what);
  const tell = (message: OutgoingMessage) => progress.finish(message).catch(warn('could not tell the user'));
  const release = (refund: boolean) =>
    who ? deps.limiter?.release(who, { refund }).catch(warn('could not free the slot')) : undefined;
  const record = (status: 'failed' | 'cancelled', error: string) =>
    f.rowId
      ? deps.records?.finish(f.rowId, { status, error, timings: f.timings }).catch(warn('could not record'))
      : undefined;

  // The run after the stall owns the job now (and its message, slot and row).
  if (isLockLost(ctx.signal)) return err;
  if (f.sentFinal) {
    ctx.log.error({ err }, 'failed after the remix was delivered');
    return new UnrecoverableError('failed after the remix was delivered');
  }
  if (ctx.signal.aborted) {
    if (deps.isShuttingDown()) {
      // runWorker puts the job back in the queue without spending an attempt.
      await tell({ content: requeuedText(subject) });
      await release(false);
      return err;
    }
    const reason = 'it was cancelled';
    await tell({ content: cancelledText(subject, reason) });
    await record('cancelled', reason);
    await release(true);
    await responder.complete('error').catch(warn('could not complete the answer'));
    return new UnrecoverableError(`remix cancelled: ${reason}`);
  }

  const reason = userReason(err, f.payload.meta.correlationId);
  const expected = isRemixError(err) || err instanceof UnrecoverableError;
  if (!expected && ctx.attempt < ctx.attempts) {
    await tell({ content: retryText(subject, reason, ctx.attempt + 1, ctx.attempts) });
    await release(false);
    return err;
  }
  await tell({ content: failedText(subject, reason) });
  await record('failed', reason);
  await release(true);
  await responder.complete('error').catch(warn('could not complete the answer'));
  return expected ? new UnrecoverableError(reason) : err;
}

function finalMessage(subject: Subject, output: RemixOutput, delivery: Delivery): OutgoingMessage {
  const delivered = {
    bitrateKbps: delivery.bitrateKbps,
    bytes: delivery.bytes,
    seconds: output.seconds,
    cacheHit: output.cacheHit,
    link:
      delivery.kind === 'link'
        ? { url: delivery.url, expiresInSeconds: delivery.expiresInSeconds, limitBytes: delivery.limitBytes }
        : undefined,
  };
  const content = doneText(subject, delivered);
  if (delivery.kind === 'link') return { content };
  return {
    content,
    files: [
      {
        name: remixFileName(output.tags.title),
        data: delivery.data,
        contentType: 'audio/mpeg',
        description: output.tags.title.slice(0, 1024),
        ...(delivery.storageKey ? { storageKey: delivery.storageKey } : {}),
      },
    ],
  };
}

/** Job progress for BullMQ (the web admin view) and the user's active-slot renewal. */
function report(
  deps: RemixWorkerDeps,
  ctx: JobContext,
  who: { userId: string; jobId: string } | undefined,
  phase: Phase,
): void {
  void ctx.progress({ ...phase }).catch(() => {});
  if (who && deps.limiter) void deps.limiter.renew(who).catch(() => {});
}

function safeSegment(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'job';
}
