import type { JobInput, RemixAllowance } from '@autoalex/contracts';

export type RemixJobInput = JobInput<'remix', 'remix'>;

/** What /boost and /reduce need from the suite: the per-user allowance and the `remix` queue. */
export interface RemixQueue {
  /** Whether the remix-worker would take one more remix of this Discord user now (never counts one). */
  allowance(userId: string): Promise<RemixAllowance>;
  /** Adds the job (the worker answers `reply` from then on); rejects when Redis does not take it. */
  enqueue(payload: RemixJobInput): Promise<string>;
}
