import type { Readable } from 'node:stream';
import { redact } from '@autoalex/config';
import axios, { type AxiosResponse } from 'axios';
import { watchDownload } from './download.ts';
import { HttpError } from './http-error.ts';
import { classifyRequestError, type RequestFailure } from './request-error.ts';
import { backoffDelay, retryAfterMs, sleep } from './retry.ts';
import { afterAttempts } from './upstream-error.ts';
import { joinUrl, type Query, redactedPath, redactUrl } from './url.ts';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** The status line and headers of an answer. */
export interface HttpAnswerHead {
  status: number;
  /** A header by name (any case); several values are joined with `, `. */
  header(name: string): string | undefined;
}

/** An answer read whole (at most the size cap), whatever its status: the client judges it. */
export interface HttpResponse extends HttpAnswerHead {
  body: Buffer;
  /** How many attempts it took (1: the first). */
  attempts: number;
}

/** A 2xx answer whose body is read as it arrives (downloads). */
export interface HttpDownload extends HttpAnswerHead {
  stream: Readable;
  attempts: number;
}

export interface HttpRequest {
  /** Default GET. */
  method?: HttpMethod;
  /** Path below the transport's base URL; it may carry an already encoded query. */
  path: string;
  /** More query parameters, encoded here; undefined ones are left out. */
  query?: Query;
  /** Added to (and overriding) the transport's headers. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The caller gives up: the attempt in flight or the wait between attempts ends, nothing is retried, and the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Safe to send twice (default: every method but POST and PATCH). Only idempotent requests are
   * retried after a timeout, a 5xx or a 429; a refused connection is retried whatever the method,
   * since nothing reached the server.
   */
  idempotent?: boolean;
  /** Size cap for this request's answer, instead of the transport's `maxResponseBytes`. */
  maxBytes?: number;
}

export interface RetryEvent {
  method: HttpMethod;
  /** Redacted. */
  url: string;
  /** The attempt that failed (1: the first). */
  attempt: number;
  delayMs: number;
  /** `HTTP 503`, `timeout ETIMEDOUT`, `connection ECONNREFUSED`… */
  reason: string;
}

export interface HttpTransportOptions {
  /** Origin and any root path (`http://tautulli:8181/tautulli`); request paths go below it. */
  baseUrl: string;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Deadline for one attempt: until the whole body, or until the headers for a download. */
  timeoutMs: number;
  /** Extra attempts after a failure that may pass (0: try once). */
  retries: number;
  /** First backoff step in ms (default 250), doubled per attempt, jittered. */
  retryBaseMs?: number;
  /** Longest backoff in ms (default 5 s). */
  retryMaxMs?: number;
  /**
   * Longest the server may make us wait, by `Retry-After` or the `rateLimit` hook (default 30 s): a
   * longer wait is not waited for a retry (the answer is returned as it is) and is cut to this
   * before the next request.
   */
  maxWaitMs?: number;
  /** Largest answer read, downloads included (default 64 MiB); past it the call fails as `too-large`. */
  maxResponseBytes?: number;
  /** A download fails when no byte arrives for this long (default `timeoutMs`). */
  idleTimeoutMs?: number;
  /** Values that must never appear in a message or log (a token sent in a header, an API key). */
  secrets?: readonly string[];
  /**
   * Reads a client's rate-limit headers (`X-RateLimit-Reset-After`, `X-Discogs-Ratelimit-Remaining`…)
   * from every answer: how many ms to hold every request of this transport, or undefined when free.
   */
  rateLimit?: (answer: HttpAnswerHead) => number | undefined;
  /** Turns a failure into the client's own error (PlexError…); default: the HttpError itself. */
  toError?: (error: HttpError, request: HttpRequest) => Error;
  /** Told before each wait between attempts, for a log line. */
  onRetry?: (event: RetryEvent) => void;
}

export interface HttpTransport {
  /** Sends with retries; resolves with the answer of any status, rejects with `toError(HttpError)` or the caller's abort reason. */
  request(request: HttpRequest): Promise<HttpResponse>;
  /** The same, but a 2xx body comes as a stream watched for stalls; other statuses come read whole. */
  download(request: HttpRequest): Promise<HttpDownload | HttpResponse>;
  /** Method, path (no query) and URL of a request as a message may show them: secrets redacted. */
  describe(request: HttpRequest): { method: HttpMethod; path: string; url: string };
  /** Text with this transport's secrets and credential-looking values redacted (a server's own message). */
  redact(text: string): string;
}

type Outcome =
  | { head: HttpAnswerHead; body: Buffer; stream?: undefined }
  | { head: HttpAnswerHead; stream: Readable; body?: undefined }
  | { failure: RequestFailure };

const isOk = (status: number) => status >= 200 && status < 300;
const isRetryableStatus = (status: number) => status >= 500 || status === 429;

/**
 * The one way the suite talks to an upstream over HTTP (ADR 0222): a deadline per attempt, the
 * caller's abort signal, retries with jittered exponential backoff that honour `Retry-After` and
 * the client's rate-limit hook, a size cap, no redirects or proxies (credentials stay with the
 * server they are for), and secrets redacted from every message. It judges no answer: statuses,
 * content types and bodies are the client's.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const secrets = options.secrets ?? [];
  const retryBaseMs = options.retryBaseMs ?? 250;
  const retryMaxMs = options.retryMaxMs ?? 5_000;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const maxResponseBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  const idleTimeoutMs = options.idleTimeoutMs ?? options.timeoutMs;
  const http = axios.create({
    // Statuses are the client's to judge; a thrown AxiosError would carry the request config (and its credentials).
    validateStatus: () => true,
    // A redirect to another host would take the credentials with it.
    maxRedirects: 0,
    // A proxy from the environment must not see the credentials.
    proxy: false,
    maxBodyLength: Number.POSITIVE_INFINITY,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });
  /** Until when every request waits: set by Retry-After and the rate-limit hook. */
  let holdUntil = 0;

  function describe(request: HttpRequest) {
    const url = joinUrl(base, request.path, request.query);
    return { method: request.method ?? 'GET', path: redactedPath(url, secrets), url: redactUrl(url, secrets) };
  }

  function fail(request: HttpRequest, failure: RequestFailure, reason: string, attempts?: number): Error {
    const where = describe(request);
    const error = new HttpError(failure.kind, {
      ...where,
      reason: `${redact(reason, secrets)}${afterAttempts(attempts)}`,
      code: failure.code,
      attempts,
    });
    return options.toError ? options.toError(error, request) : error;
  }

  function reasonFor(failure: RequestFailure, limit: number): string {
    switch (failure.kind) {
      case 'timeout':
        return `no answer within ${options.timeoutMs} ms`;
      case 'too-large':
        return `answer larger than ${limit} bytes`;
      case 'connection':
        return `cannot reach ${redactUrl(base, secrets)} (${failure.code})`;
      case 'other':
        return `request failed (${failure.code})`;
    }
  }

  /** One attempt under its own deadline; a caller's abort rejects with the caller's reason. */
  async function attempt(request: HttpRequest, url: string, streamed: boolean, limit: number): Promise<Outcome> {
    // Checked here, not only by the listener below: a signal aborted before it is added never fires it.
    request.signal?.throwIfAborted();
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
        method: request.method ?? 'GET',
        url,
        headers: { ...options.headers, ...request.headers },
        data: request.body,
        responseType: streamed ? 'stream' : 'arraybuffer',
        maxContentLength: limit,
        signal: controller.signal,
      });
      const head = headOf(response);
      if (!streamed) return { head, body: Buffer.from(response.data as ArrayBuffer) };
      const stream = response.data as Readable;
      if (isOk(head.status)) return { head, stream };
      // An error answer to a download is read whole (capped, under the deadline) like any other.
      return { head, body: await readAll(stream) };
    } catch (err) {
      request.signal?.throwIfAborted();
      return { failure: timedOut ? { kind: 'timeout', code: 'ETIMEDOUT' } : classifyRequestError(err) };
    } finally {
      clearTimeout(deadline);
      request.signal?.removeEventListener('abort', giveUp);
    }
  }

  /** Holds the request while the server asked us to (never longer than maxWaitMs). */
  async function waitForServer(signal: AbortSignal | undefined): Promise<void> {
    const wait = Math.min(holdUntil - Date.now(), maxWaitMs);
    if (wait <= 0) return;
    await sleep(wait, signal);
    signal?.throwIfAborted();
  }

  /** Reads Retry-After and the client's rate-limit headers; returns how long the server asks us to hold. */
  function noteServerWait(head: HttpAnswerHead): number {
    const wait = Math.max(retryAfterMs(head.header('retry-after')) ?? 0, options.rateLimit?.(head) ?? 0);
    if (wait > 0) holdUntil = Math.max(holdUntil, Date.now() + wait);
    return wait;
  }

  async function pause(request: HttpRequest, url: string, attemptNo: number, delayMs: number, reason: string) {
    options.onRetry?.({
      method: request.method ?? 'GET',
      url: redactUrl(url, secrets),
      attempt: attemptNo,
      delayMs,
      reason,
    });
    await sleep(delayMs, request.signal);
    request.signal?.throwIfAborted();
  }

  async function send(request: HttpRequest, streamed: boolean): Promise<HttpResponse | HttpDownload> {
    const method = request.method ?? 'GET';
    const idempotent = request.idempotent ?? !(method === 'POST' || method === 'PATCH');
    const url = joinUrl(base, request.path, request.query);
    const limit = request.maxBytes ?? maxResponseBytes;
    for (let attemptNo = 1; ; attemptNo++) {
      request.signal?.throwIfAborted();
      await waitForServer(request.signal);
      const outcome = await attempt(request, url, streamed, limit);
      const mayRetry = attemptNo <= options.retries;
      const backoff = backoffDelay(attemptNo - 1, { baseMs: retryBaseMs, maxMs: retryMaxMs });
      if ('failure' in outcome) {
        const { failure } = outcome;
        const refused = failure.kind === 'connection' && failure.code === 'ECONNREFUSED';
        if (!mayRetry || failure.kind === 'too-large' || !(idempotent || refused))
          throw fail(request, failure, reasonFor(failure, limit), attemptNo);
        await pause(request, url, attemptNo, backoff, `${failure.kind} ${failure.code}`);
        continue;
      }
      const serverWait = noteServerWait(outcome.head);
      // A server that asks for a longer wait than we allow gets its answer reported instead.
      if (mayRetry && idempotent && isRetryableStatus(outcome.head.status) && serverWait <= maxWaitMs) {
        await pause(request, url, attemptNo, Math.max(backoff, serverWait), `HTTP ${outcome.head.status}`);
        continue;
      }
      if (outcome.stream) {
        const stream = watchDownload(outcome.stream, {
          idleTimeoutMs,
          signal: request.signal,
          stalled: () =>
            fail(request, { kind: 'timeout', code: 'ETIMEDOUT' }, `download stalled for ${idleTimeoutMs} ms`),
          broken: (err) => {
            const failure = classifyRequestError(err);
            return fail(request, failure, reasonFor(failure, limit));
          },
        });
        return { ...outcome.head, stream, attempts: attemptNo };
      }
      return { ...outcome.head, body: outcome.body, attempts: attemptNo };
    }
  }

  return {
    request: (request) => send(request, false) as Promise<HttpResponse>,
    download: (request) => send(request, true),
    describe,
    redact: (text) => redact(text, secrets),
  };
}

function headOf(response: AxiosResponse): HttpAnswerHead {
  const headers = response.headers as Record<string, unknown>;
  return {
    status: response.status,
    header(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined || value === null) return undefined;
      return Array.isArray(value) ? value.join(', ') : String(value);
    },
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** JSON.parse of an answer's body, without throwing: `{ ok: false }` when it is not JSON. */
export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
