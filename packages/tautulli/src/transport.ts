import { redact } from '@autoalex/config';
import { backoffDelay, classifyRequestError, sleep } from '@autoalex/http';
import axios, { type AxiosResponse } from 'axios';
import { z } from 'zod';
import { TautulliError, type TautulliErrorKind } from './errors.ts';

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxResponseBytes: number;
}

export type Params = Record<string, string | number | undefined>;

export type Call = (cmd: string, params?: Params) => Promise<unknown>;

const envelope = z.object({
  response: z.object({
    result: z.enum(['success', 'error']),
    message: z.string().nullish(),
    data: z.unknown(),
  }),
});

interface Failure {
  error: TautulliError;
  retryable: boolean;
}

/**
 * `GET {base}/api/v2?apikey=…&cmd=…` with the envelope checked; resolves with `response.data`.
 * Every command the suite uses is a read, so network errors, timeouts and 5xx are retried with
 * exponential backoff; 4xx and `result: "error"` are not.
 */
export function createCall(options: TransportOptions): Call {
  const http = axios.create({
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
    maxContentLength: options.maxResponseBytes,
    timeout: options.timeoutMs,
    responseType: 'arraybuffer',
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/api/v2`;
  const clean = (text: string) => redact(text, [options.apiKey]).slice(0, 500);
  const fail = (kind: TautulliErrorKind, cmd: string, reason: string, extra: { status?: number; code?: string } = {}) =>
    new TautulliError(kind, `Tautulli ${cmd}: ${clean(reason)}`, { cmd, ...extra });

  function judge(cmd: string, response: AxiosResponse): { data: unknown } | Failure {
    const status = response.status;
    const text = Buffer.from(response.data as ArrayBuffer).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (status >= 500) return { error: fail('server', cmd, `server error ${status}`, { status }), retryable: true };
      const type = String(response.headers['content-type'] ?? 'no content type').split(';')[0];
      return {
        error: fail('bad-response', cmd, `answer is not JSON (HTTP ${status}, ${type})`, { status }),
        retryable: false,
      };
    }
    const parsed = envelope.safeParse(json);
    if (!parsed.success) {
      if (status >= 500) return { error: fail('server', cmd, `server error ${status}`, { status }), retryable: true };
      return {
        error: fail('bad-response', cmd, `answer is not a Tautulli API v2 envelope (HTTP ${status})`, { status }),
        retryable: false,
      };
    }
    const { result, message, data } = parsed.data.response;
    const said = message ?? '';
    if (result === 'success' && status >= 200 && status < 300) return { data };
    if (/apikey/i.test(said) || status === 401)
      return {
        error: fail('bad-api-key', cmd, `${said || 'API key refused'} (check TAUTULLI_API_KEY)`, { status }),
        retryable: false,
      };
    if (status >= 500)
      return { error: fail('server', cmd, `${said || 'server error'} (HTTP ${status})`, { status }), retryable: true };
    return { error: fail('command-failed', cmd, said || `failed with HTTP ${status}`, { status }), retryable: false };
  }

  function thrown(cmd: string, err: unknown): Failure {
    const { kind, code } = classifyRequestError(err);
    if (kind === 'timeout')
      return { error: fail('timeout', cmd, `no answer within ${options.timeoutMs} ms`, { code }), retryable: true };
    if (kind === 'too-large')
      return {
        error: fail('bad-response', cmd, `answer larger than ${options.maxResponseBytes} bytes`, { code }),
        retryable: false,
      };
    return {
      error: fail('unreachable', cmd, `cannot reach Tautulli (${code})`, { code }),
      retryable: kind === 'connection' || code === 'unknown',
    };
  }

  async function attempt(cmd: string, url: string): Promise<{ data: unknown } | Failure> {
    const controller = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    try {
      const response = await http.get(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
      return judge(cmd, response);
    } catch (err) {
      if (timedOut) return { error: fail('timeout', cmd, `no answer within ${options.timeoutMs} ms`), retryable: true };
      return thrown(cmd, err);
    } finally {
      clearTimeout(deadline);
    }
  }

  return async (cmd, params = {}) => {
    const query = [`apikey=${encodeURIComponent(options.apiKey)}`, `cmd=${encodeURIComponent(cmd)}`];
    for (const [key, value] of Object.entries(params))
      if (value !== undefined) query.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    const url = `${endpoint}?${query.join('&')}`;
    for (let attemptNo = 0; ; attemptNo++) {
      const outcome = await attempt(cmd, url);
      if (!('error' in outcome)) return outcome.data;
      if (!outcome.retryable || attemptNo >= options.retries) {
        const e = outcome.error;
        const message = attemptNo > 0 ? `${e.message} (after ${attemptNo + 1} attempts)` : e.message;
        throw new TautulliError(e.kind, message, { cmd, status: e.status, code: e.code, attempts: attemptNo + 1 });
      }
      await sleep(backoffDelay(attemptNo, { baseMs: options.retryBaseMs, maxMs: options.retryMaxMs }));
    }
  };
}
