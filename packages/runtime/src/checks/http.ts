import type { Check, CheckOutcome } from '../health.ts';

export interface HttpProbe {
  url: string | URL;
  headers?: Record<string, string>;
  /** Turns the response into a status; default: 2xx is ok, anything else is down. */
  judge?: (response: Response) => Promise<CheckOutcome> | CheckOutcome;
  timeoutMs?: number;
}

/**
 * GETs an upstream and judges the answer. The URL is never put in the detail (it may carry a key
 * in its query string); failures say what happened: HTTP status, refused, timed out.
 */
export function httpCheck(probe: HttpProbe): Check {
  const judge = probe.judge ?? defaultJudge;
  return async () => {
    let response: Response;
    try {
      response = await fetch(probe.url, {
        headers: probe.headers,
        signal: AbortSignal.timeout(probe.timeoutMs ?? 2500),
        redirect: 'manual',
      });
    } catch (err) {
      return { status: 'down', detail: `unreachable: ${reason(err)}` };
    }
    try {
      return await judge(response);
    } finally {
      await response.body?.cancel().catch(() => {});
    }
  };
}

function defaultJudge(response: Response): CheckOutcome {
  return response.ok
    ? { status: 'ok', detail: `HTTP ${response.status}` }
    : { status: 'down', detail: `HTTP ${response.status}` };
}

function reason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timed out';
  const cause = err instanceof Error ? (err.cause as NodeJS.ErrnoException | undefined) : undefined;
  return cause?.code ?? (err instanceof Error ? err.message : String(err));
}
