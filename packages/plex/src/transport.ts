import { PassThrough, type Readable } from 'node:stream';
import { redact } from '@autoalex/config';
import { backoffDelay, classifyRequestError, retryAfterMs, sleep } from '@autoalex/http';
import axios, { type AxiosInstance, type AxiosResponse, type ResponseType } from 'axios';
import { PlexError, type PlexErrorKind } from './errors.ts';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface TransportOptions {
  baseUrl: string;
  token: string | undefined;
  /** Deadline for one attempt (until the whole body for JSON, until the headers for downloads). */
  timeoutMs: number;
  /** A download fails when no byte arrives for this long. */
  idleTimeoutMs: number;
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxResponseBytes: number;
  /** X-Plex-Client-Identifier, X-Plex-Product… sent on every request. */
  identityHeaders: Record<string, string>;
}

export interface PlexRequest {
  method: HttpMethod;
  /** Path with its (already encoded) query. */
  url: string;
  /** Send no token (GET /identity). */
  anonymous?: boolean;
  headers?: Record<string, string>;
  /** The caller gives up: the request in flight is aborted, no retry follows, and the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface JsonAnswer {
  body: unknown;
  header(name: string): string | undefined;
}

export interface PlexDownload {
  stream: Readable;
  contentType: string | undefined;
  contentLength: number | undefined;
  /** From Content-Disposition when Plex sends one (downloads do). */
  filename: string | undefined;
}

export interface Transport {
  readonly options: TransportOptions;
  json(request: PlexRequest): Promise<JsonAnswer>;
  empty(request: PlexRequest): Promise<void>;
  buffer(request: PlexRequest, maxBytes: number): Promise<{ data: Buffer; contentType: string | undefined }>;
  stream(request: PlexRequest): Promise<PlexDownload>;
  withToken(token: string): Transport;
}

/** Where the error message points: method and path, never the query (it may carry user text). */
function describe(request: PlexRequest): { method: string; path: string } {
  const q = request.url.indexOf('?');
  return { method: request.method, path: q === -1 ? request.url : request.url.slice(0, q) };
}

interface AttemptFailure {
  error: PlexError;
  retryable: boolean;
  delayHintMs?: number;
}

export function createTransport(options: TransportOptions): Transport {
  const http: AxiosInstance = axios.create({
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    // Statuses are ours to judge; a thrown AxiosError would carry the request config (and the token).
    validateStatus: () => true,
    // A redirect to another host would take the X-Plex-Token header with it.
    maxRedirects: 0,
    // The server is on the LAN; a proxy from the environment must not see the token.
    proxy: false,
    maxContentLength: options.maxResponseBytes,
    maxBodyLength: 1024 * 1024,
    timeout: options.timeoutMs,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });

  function headersFor(request: PlexRequest): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.identityHeaders };
    if (!request.anonymous && options.token) headers['X-Plex-Token'] = options.token;
    return { ...headers, ...request.headers };
  }

  function failure(
    kind: PlexErrorKind,
    request: PlexRequest,
    reason: string,
    extra: { status?: number; code?: string },
  ) {
    const where = describe(request);
    // Belt and braces: nothing we put in a message should hold the token, but a caller-made path could.
    const secrets = options.token ? [options.token] : [];
    const path = redact(where.path, secrets);
    return new PlexError(kind, `Plex ${where.method} ${path}: ${redact(reason, secrets)}`, {
      method: where.method,
      path,
      ...extra,
    });
  }

  function classifyStatus(request: PlexRequest, response: AxiosResponse): AttemptFailure | undefined {
    const status = response.status;
    if (status >= 200 && status < 300) return undefined;
    const idempotent = request.method !== 'POST';
    if (status === 401)
      return {
        error: failure('unauthorized', request, '401 Unauthorized (check the Plex token)', { status }),
        retryable: false,
      };
    if (status === 403) return { error: failure('forbidden', request, '403 Forbidden', { status }), retryable: false };
    if (status === 404) return { error: failure('not-found', request, '404 Not Found', { status }), retryable: false };
    if (status >= 500)
      return {
        error: failure('server', request, `server error ${status}`, { status }),
        retryable: idempotent,
        delayHintMs: retryAfterMs(response.headers['retry-after']),
      };
    if (status >= 300 && status < 400)
      return { error: failure('rejected', request, `unexpected redirect (${status})`, { status }), retryable: false };
    return { error: failure('rejected', request, `refused with ${status}`, { status }), retryable: false };
  }

  function classifyThrown(request: PlexRequest, err: unknown, timedOut: boolean): AttemptFailure {
    if (timedOut)
      return {
        error: failure('timeout', request, `no answer within ${options.timeoutMs} ms`, {}),
        retryable: request.method !== 'POST',
      };
    const { kind, code } = classifyRequestError(err);
    switch (kind) {
      case 'timeout':
        return {
          error: failure('timeout', request, `no answer within ${options.timeoutMs} ms`, { code }),
          retryable: request.method !== 'POST',
        };
      case 'too-large':
        return {
          error: failure('bad-response', request, `answer larger than ${options.maxResponseBytes} bytes`, { code }),
          retryable: false,
        };
      case 'connection':
        return {
          error: failure('unreachable', request, `cannot reach ${options.baseUrl} (${code})`, { code }),
          // A refused connection never reached Plex, so even a POST is safe to repeat.
          retryable: code === 'ECONNREFUSED' || request.method !== 'POST',
        };
      case 'other':
        return {
          error: failure('unreachable', request, `request failed (${code})`, { code }),
          retryable: request.method !== 'POST',
        };
    }
  }

  /** One attempt; resolves with the response or rejects with an AttemptFailure. */
  async function attempt(request: PlexRequest, responseType: ResponseType): Promise<AxiosResponse> {
    const controller = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const giveUp = () => controller.abort();
    request.signal?.addEventListener('abort', giveUp, { once: true });
    try {
      const response = await http.request({
        method: request.method,
        url: request.url,
        headers: headersFor(request),
        responseType,
        signal: controller.signal,
      });
      const failed = classifyStatus(request, response);
      if (failed) {
        if (responseType === 'stream') (response.data as Readable).destroy();
        throw failed;
      }
      return response;
    } catch (err) {
      // The caller's abort is theirs to handle, not a Plex failure (and never retried).
      request.signal?.throwIfAborted();
      if ((err as AttemptFailure).error instanceof PlexError) throw err;
      throw classifyThrown(request, err, timedOut);
    } finally {
      clearTimeout(deadline);
      request.signal?.removeEventListener('abort', giveUp);
    }
  }

  async function withRetries(request: PlexRequest, responseType: ResponseType): Promise<AxiosResponse> {
    for (let attemptNo = 0; ; attemptNo++) {
      request.signal?.throwIfAborted();
      try {
        return await attempt(request, responseType);
      } catch (err) {
        if (request.signal?.aborted) throw err;
        const failed = err as AttemptFailure;
        if (!failed.retryable || attemptNo >= options.retries) {
          const e = failed.error;
          throw new PlexError(e.kind, attemptNo > 0 ? `${e.message} (after ${attemptNo + 1} attempts)` : e.message, {
            status: e.status,
            method: e.method,
            path: e.path,
            code: e.code,
            attempts: attemptNo + 1,
          });
        }
        const backoff = backoffDelay(attemptNo, { baseMs: options.retryBaseMs, maxMs: options.retryMaxMs });
        await sleep(Math.min(options.retryMaxMs, Math.max(backoff, failed.delayHintMs ?? 0)), request.signal);
      }
    }
  }

  const transport: Transport = {
    options,
    async json(request) {
      const response = await withRetries(request, 'arraybuffer');
      const type = String(response.headers['content-type'] ?? '');
      const raw = Buffer.from(response.data as ArrayBuffer);
      if (!/json/i.test(type)) {
        throw failure('bad-response', request, `expected JSON but got ${type.split(';')[0] || 'no content type'}`, {
          status: response.status,
        });
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw failure('bad-response', request, 'answer is not valid JSON', { status: response.status });
      }
      return {
        body,
        header: (name) => {
          const value = response.headers[name.toLowerCase()];
          return value === undefined || value === null ? undefined : String(value);
        },
      };
    },
    async empty(request) {
      await withRetries(request, 'arraybuffer');
    },
    async buffer(request, maxBytes) {
      const response = await withRetries(request, 'arraybuffer');
      const data = Buffer.from(response.data as ArrayBuffer);
      if (data.length > maxBytes) throw failure('bad-response', request, `answer larger than ${maxBytes} bytes`, {});
      const type = response.headers['content-type'];
      return { data, contentType: type === undefined ? undefined : String(type) };
    },
    async stream(request) {
      const response = await withRetries(request, 'stream');
      const source = response.data as Readable;
      const out = new PassThrough();
      let idle: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          source.destroy();
          out.destroy(failure('timeout', request, `download stalled for ${options.idleTimeoutMs} ms`, {}));
        }, options.idleTimeoutMs);
      };
      arm();
      source.on('data', arm);
      source.on('end', () => clearTimeout(idle));
      source.on('error', (err) => {
        clearTimeout(idle);
        out.destroy(classifyThrown(request, err, false).error);
      });
      out.on('close', () => {
        clearTimeout(idle);
        source.destroy();
      });
      source.pipe(out);
      const length = Number(response.headers['content-length']);
      const disposition = String(response.headers['content-disposition'] ?? '');
      const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
      return {
        stream: out,
        contentType:
          response.headers['content-type'] === undefined ? undefined : String(response.headers['content-type']),
        contentLength: Number.isFinite(length) && length >= 0 ? length : undefined,
        filename: filename === undefined ? undefined : safeDecode(filename),
      };
    },
    withToken(token) {
      return createTransport({ ...options, token });
    },
  };
  return transport;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
