import type { Readable } from 'node:stream';
import {
  afterAttempts,
  createHttpTransport,
  type HttpError,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  parseJson,
} from '@autoalex/http';
import { PlexError, type PlexErrorDetails, type PlexErrorKind } from './errors.ts';

export type { HttpMethod };

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
  stream(request: PlexRequest, maxBytes?: number): Promise<PlexDownload>;
  withToken(token: string): Transport;
}

const FAILURE_KIND: Record<HttpError['kind'], PlexErrorKind> = {
  timeout: 'timeout',
  'too-large': 'bad-response',
  connection: 'unreachable',
  other: 'unreachable',
};

/**
 * What is Plex's own on the shared transport (`@autoalex/http`): JSON asked for with Plex's
 * identity headers, the token in the X-Plex-Token header (never the URL), and statuses turned into
 * PlexError kinds. Messages name the method and path, never the query (it may carry user text).
 */
export function createTransport(options: TransportOptions): Transport {
  const secrets = options.token ? [options.token] : [];
  const http = createHttpTransport({
    baseUrl: options.baseUrl,
    headers: { Accept: 'application/json', ...options.identityHeaders },
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    retries: options.retries,
    retryBaseMs: options.retryBaseMs,
    retryMaxMs: options.retryMaxMs,
    maxResponseBytes: options.maxResponseBytes,
    secrets,
    toError: (error) =>
      new PlexError(FAILURE_KIND[error.kind], `Plex ${error.method} ${error.path}: ${error.reason}`, {
        method: error.method,
        path: error.path,
        code: error.code,
        attempts: error.attempts,
      }),
  });

  function toHttp(request: PlexRequest, maxBytes?: number): HttpRequest {
    const token: Record<string, string> = !request.anonymous && options.token ? { 'X-Plex-Token': options.token } : {};
    return {
      method: request.method,
      path: request.url,
      headers: { ...token, ...request.headers },
      signal: request.signal,
      ...(maxBytes === undefined ? {} : { maxBytes }),
    };
  }

  function failure(kind: PlexErrorKind, request: PlexRequest, reason: string, extra: PlexErrorDetails = {}) {
    const { method, path } = http.describe(toHttp(request));
    return new PlexError(kind, `Plex ${method} ${path}: ${http.redact(reason)}`, { method, path, ...extra });
  }

  /** Throws the PlexError for a status that is not 2xx (after the transport's retries). */
  function checkStatus(request: PlexRequest, answer: { status: number; attempts: number }): void {
    const { status, attempts } = answer;
    if (status >= 200 && status < 300) return;
    const [kind, reason] = statusFailure(status);
    throw failure(kind, request, `${reason}${afterAttempts(attempts)}`, { status, attempts });
  }

  async function answer(request: PlexRequest, maxBytes?: number): Promise<HttpResponse> {
    const response = await http.request(toHttp(request, maxBytes));
    checkStatus(request, response);
    return response;
  }

  return {
    options,
    async json(request) {
      const response = await answer(request);
      const type = response.header('content-type') ?? '';
      if (!/json/i.test(type)) {
        throw failure('bad-response', request, `expected JSON but got ${type.split(';')[0] || 'no content type'}`, {
          status: response.status,
        });
      }
      const parsed = parseJson(response.body);
      if (!parsed.ok) throw failure('bad-response', request, 'answer is not valid JSON', { status: response.status });
      return { body: parsed.value, header: response.header };
    },
    async empty(request) {
      await answer(request);
    },
    async buffer(request, maxBytes) {
      const response = await answer(request, maxBytes);
      return { data: response.body, contentType: response.header('content-type') };
    },
    async stream(request, maxBytes) {
      const response = await http.download(toHttp(request, maxBytes));
      checkStatus(request, response);
      if (!('stream' in response)) throw failure('bad-response', request, 'no body to download');
      const length = Number(response.header('content-length'));
      const disposition = response.header('content-disposition') ?? '';
      const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
      return {
        stream: response.stream,
        contentType: response.header('content-type'),
        contentLength: Number.isFinite(length) && length >= 0 ? length : undefined,
        filename: filename === undefined ? undefined : safeDecode(filename),
      };
    },
    withToken(token) {
      return createTransport({ ...options, token });
    },
  };
}

function statusFailure(status: number): [PlexErrorKind, string] {
  if (status === 401) return ['unauthorized', '401 Unauthorized (check the Plex token)'];
  if (status === 403) return ['forbidden', '403 Forbidden'];
  if (status === 404) return ['not-found', '404 Not Found'];
  if (status >= 500) return ['server', `server error ${status}`];
  if (status >= 300 && status < 400) return ['rejected', `unexpected redirect (${status})`];
  return ['rejected', `refused with ${status}`];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
