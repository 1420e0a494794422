export interface BackoffOptions {
  /** First delay in ms; doubles each attempt. */
  baseMs: number;
  /** Upper bound for one delay in ms. */
  maxMs: number;
}

/** Exponential backoff with jitter (50–100 % of the step) so that replicas do not retry in step. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round(step * (0.5 + random() * 0.5));
}

/** Seconds or an HTTP date from a Retry-After header, in ms; undefined when absent or unusable. */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`; an aborted signal ends the wait early (the caller checks the signal afterwards). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // A signal that is already aborted never fires 'abort' again.
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
