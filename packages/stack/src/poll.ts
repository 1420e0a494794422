import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  /** Checked before every attempt: a reason to stop waiting (the process died, the user pressed Ctrl-C). */
  stopIf?: () => string | undefined;
}

export type PollResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Calls `probe` until it returns a value (not undefined), `stopIf` gives a reason, or time runs out. */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: PollOptions): Promise<PollResult<T>> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const stop = options.stopIf?.();
    if (stop !== undefined) return { ok: false, reason: stop };
    const value = await probe();
    if (value !== undefined) return { ok: true, value };
    if (Date.now() >= deadline)
      return { ok: false, reason: `no answer within ${Math.round(options.timeoutMs / 1000)} s` };
    await sleep(options.intervalMs);
  }
}
