import { setTimeout as sleep } from 'node:timers/promises';
import type { SentMessage } from '@autoalex/discord';
import type { Delivered, JobRecords } from './job-records.ts';

// Exactly-once delivery of a remix's final message (ADR 0229): claim it on the row, send it, and the
// caller confirms it on the row before the job completes. Every run checks the row first, so a run
// after a delivery stops at once; of two runs at the same time (a lost lock lets a second one start)
// only the claimant sends, and the other waits for its confirmation.

/** How long a claim holds: a run still not confirmed after this long died while sending. */
export const DELIVERY_LEASE_MS = 2 * 60_000;

export interface SendOnceInput {
  readonly records: JobRecords | undefined;
  readonly rowId: string | undefined;
  readonly signal: AbortSignal;
  /** Sends the final message (edits the original: the same edit twice leaves one message). */
  send(): Promise<SentMessage | undefined>;
  /** Another run delivered: put its final text back over whatever this run's progress showed. */
  restore(content: string): Promise<void>;
  readonly leaseMs?: number | undefined;
  readonly pollMs?: number | undefined;
}

export type SendOutcome =
  | { by: 'this-run'; sent: SentMessage | undefined }
  | { by: 'another-run'; delivered: Delivered };

export async function sendOnce(input: SendOnceInput): Promise<SendOutcome> {
  const { records, rowId } = input;
  if (!records || !rowId) return { by: 'this-run', sent: await input.send() };
  for (;;) {
    const claim = await records.claimDelivery(rowId, input.leaseMs ?? DELIVERY_LEASE_MS);
    if (claim.status === 'claimed') return { by: 'this-run', sent: await input.send() };
    if (claim.status === 'delivered') {
      await input.restore(claim.delivered.content);
      return { by: 'another-run', delivered: claim.delivered };
    }
    // Another run is sending it now; its claim lapses after the lease if that run died meanwhile.
    await sleep(input.pollMs ?? 1000, undefined, { signal: input.signal });
  }
}
