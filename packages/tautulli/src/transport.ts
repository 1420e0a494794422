import { afterAttempts, createHttpTransport, type HttpError, type HttpResponse, parseJson } from '@autoalex/http';
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

const FAILURE_KIND: Record<HttpError['kind'], TautulliErrorKind> = {
  timeout: 'timeout',
  'too-large': 'bad-response',
  connection: 'unreachable',
  other: 'unreachable',
};

/**
 * `GET {base}/api/v2?apikey=…&cmd=…` on the shared transport (`@autoalex/http`), with the envelope
 * `{ response: { result, message, data } }` checked; resolves with `response.data`. Every command
 * the suite uses is a read, so the transport retries network errors, timeouts, 5xx and 429; other
 * 4xx and `result: "error"` are final. Messages name the command, never the URL (the key is in it).
 */
export function createCall(options: TransportOptions): Call {
  const http = createHttpTransport({
    baseUrl: options.baseUrl,
    headers: { Accept: 'application/json' },
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    retryBaseMs: options.retryBaseMs,
    retryMaxMs: options.retryMaxMs,
    maxResponseBytes: options.maxResponseBytes,
    secrets: [options.apiKey],
    toError: (error, request) => {
      const cmd = String(request.query?.cmd);
      return new TautulliError(FAILURE_KIND[error.kind], `Tautulli ${cmd}: ${clean(error.reason)}`, {
        cmd,
        code: error.code,
        attempts: error.attempts,
      });
    },
  });
  const clean = (text: string) => http.redact(text).slice(0, 500);

  /** The envelope's data, or the TautulliError this answer means. */
  function judge(cmd: string, response: HttpResponse): unknown {
    const { status, attempts } = response;
    const fail = (kind: TautulliErrorKind, reason: string) =>
      new TautulliError(kind, `Tautulli ${cmd}: ${clean(reason)}${afterAttempts(attempts)}`, { cmd, status, attempts });
    const json = parseJson(response.body);
    const parsed = json.ok ? envelope.safeParse(json.value) : undefined;
    if (!parsed?.success) {
      if (status >= 500) throw fail('server', `server error ${status}`);
      if (!json.ok) {
        const type = (response.header('content-type') ?? 'no content type').split(';')[0];
        throw fail('bad-response', `answer is not JSON (HTTP ${status}, ${type})`);
      }
      throw fail('bad-response', `answer is not a Tautulli API v2 envelope (HTTP ${status})`);
    }
    const { result, message, data } = parsed.data.response;
    const said = message ?? '';
    if (result === 'success' && status >= 200 && status < 300) return data;
    if (/apikey/i.test(said) || status === 401)
      throw fail('bad-api-key', `${said || 'API key refused'} (check TAUTULLI_API_KEY)`);
    if (status >= 500) throw fail('server', `${said || 'server error'} (HTTP ${status})`);
    throw fail('command-failed', said || `failed with HTTP ${status}`);
  }

  return async (cmd, params = {}) => {
    const response = await http.request({ path: '/api/v2', query: { apikey: options.apiKey, cmd, ...params } });
    return judge(cmd, response);
  };
}
