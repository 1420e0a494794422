import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpTransport, HttpError, type HttpTransportOptions, type RetryEvent } from '../src/index.ts';
import { closedPort, hang, rejection, startServer, status, type TestServer } from './server.ts';

// When the transport tries again, how long it waits, and when it stops: against a real server.

let server: TestServer;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await server.close();
});

function transport(overrides: Partial<HttpTransportOptions> = {}) {
  return createHttpTransport({ baseUrl: server.url, timeoutMs: 2000, retries: 2, retryBaseMs: 1, ...overrides });
}

const gaps = () => server.seen.slice(1).map((request, i) => request.at - (server.seen[i]?.at ?? 0));

describe('per-attempt timeout', () => {
  it('a server that never answers times out each attempt and fails as a timeout', async () => {
    server.reply(hang);
    const started = Date.now();
    const err = await rejection(transport({ timeoutMs: 100, retries: 1 }).request({ path: '/slow' }));
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2, method: 'GET', path: '/slow' });
    expect((err as HttpError).message).toBe('GET /slow: no answer within 100 ms (after 2 attempts)');
    expect(server.seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('the deadline covers the whole body, not only the headers', async () => {
    server.reply((_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    const err = await rejection(transport({ timeoutMs: 100, retries: 0 }).request({ path: '/' }));
    expect(err).toMatchObject({ kind: 'timeout', attempts: 1 });
  });

  it('a POST that timed out is not sent again', async () => {
    server.reply(hang);
    const err = await rejection(transport({ timeoutMs: 100 }).request({ method: 'POST', path: '/make' }));
    expect(err).toMatchObject({ kind: 'timeout', attempts: 1 });
    expect(server.seen).toHaveLength(1);
  });
});

describe('the caller aborts', () => {
  it('in flight: the request ends at once with the caller’s reason and is not retried', async () => {
    server.reply(hang);
    const stop = new AbortController();
    const pending = transport({ timeoutMs: 60_000, retries: 5 }).request({ path: '/', signal: stop.signal });
    await until(() => server.seen.length === 1);
    stop.abort(new Error('job cancelled'));
    await expect(pending).rejects.toThrow('job cancelled');
    expect(server.seen).toHaveLength(1);
  });

  it('during the backoff: the wait ends at once and nothing more is sent', async () => {
    server.reply(status(503));
    const stop = new AbortController();
    const started = Date.now();
    const pending = transport({ retries: 5, retryBaseMs: 60_000, retryMaxMs: 60_000 }).request({
      path: '/',
      signal: stop.signal,
    });
    await until(() => server.seen.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.seen).toHaveLength(1);
  });

  it('before the call: nothing is sent', async () => {
    const err = await rejection(transport().request({ path: '/', signal: AbortSignal.abort(new Error('too late')) }));
    expect(err).toEqual(new Error('too late'));
    expect(server.seen).toHaveLength(0);
  });
});

describe('retries on 5xx and 429, never on other 4xx', () => {
  it('a 500, a 502, then a 200: the answer comes back with the attempts it took', async () => {
    server.reply(status(500), status(502), status(200, {}, 'fine'));
    const response = await transport().request({ path: '/' });
    expect(response).toMatchObject({ status: 200, attempts: 3 });
    expect(response.body.toString()).toBe('fine');
    expect(server.seen).toHaveLength(3);
  });

  it('a 5xx after every retry is returned, not thrown: the client judges it', async () => {
    server.reply(status(503, { 'Content-Type': 'text/plain' }, 'down for maintenance'));
    const response = await transport({ retries: 2 }).request({ path: '/' });
    expect(response).toMatchObject({ status: 503, attempts: 3 });
    expect(response.body.toString()).toBe('down for maintenance');
    expect(response.header('Content-Type')).toBe('text/plain');
  });

  for (const code of [400, 401, 403, 404, 409]) {
    it(`a ${code} is final`, async () => {
      server.reply(status(code));
      const response = await transport().request({ path: '/' });
      expect(response).toMatchObject({ status: code, attempts: 1 });
      expect(server.seen).toHaveLength(1);
    });
  }

  it('a 429 is retried', async () => {
    server.reply(status(429), status(200));
    expect(await transport().request({ path: '/' })).toMatchObject({ status: 200, attempts: 2 });
  });

  it('a POST is not repeated after a 5xx or 429 unless it says it is idempotent', async () => {
    server.reply(status(500));
    expect(await transport().request({ method: 'POST', path: '/' })).toMatchObject({ status: 500, attempts: 1 });
    server.reply(status(429));
    expect(await transport().request({ method: 'POST', path: '/' })).toMatchObject({ status: 429, attempts: 1 });
    server.reply(status(500), status(201));
    const response = await transport().request({ method: 'POST', path: '/', idempotent: true });
    expect(response).toMatchObject({ status: 201, attempts: 2 });
  });

  it('backs off exponentially between attempts, and says so before each wait', async () => {
    server.reply(status(503));
    const events: RetryEvent[] = [];
    await transport({ retries: 3, retryBaseMs: 40, onRetry: (event) => events.push(event) }).request({ path: '/x' });
    expect(events.map((e) => [e.attempt, e.reason])).toEqual([
      [1, 'HTTP 503'],
      [2, 'HTTP 503'],
      [3, 'HTTP 503'],
    ]);
    // Jitter keeps each wait between half and all of 40, 80, 160 ms.
    expect(events.map((e) => e.delayMs >= 20 && e.delayMs <= 40 * 2 ** (e.attempt - 1))).toEqual([true, true, true]);
    const [first, , third] = gaps();
    expect(first).toBeGreaterThanOrEqual(18);
    expect(third).toBeGreaterThanOrEqual(78);
  });
});

describe('connection failures', () => {
  it('a refused connection is retried, even for a POST (it never reached the server)', async () => {
    const events: RetryEvent[] = [];
    const http = createHttpTransport({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      timeoutMs: 1000,
      retries: 2,
      retryBaseMs: 1,
      onRetry: (event) => events.push(event),
    });
    const err = await rejection(http.request({ method: 'POST', path: '/' }));
    expect(err).toMatchObject({ kind: 'connection', code: 'ECONNREFUSED', attempts: 3 });
    expect((err as HttpError).reason).toMatch(
      /^cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) \(after 3 attempts\)$/,
    );
    expect(events.map((e) => e.reason)).toEqual(['connection ECONNREFUSED', 'connection ECONNREFUSED']);
  });

  it('a connection dropped by the server is retried for a GET, not for a POST', async () => {
    server.reply((req) => req.socket.destroy(), status(200));
    expect(await transport().request({ path: '/' })).toMatchObject({ status: 200, attempts: 2 });
    server.seen.length = 0;
    server.reply((req) => req.socket.destroy());
    const err = await rejection(transport().request({ method: 'POST', path: '/' }));
    expect(err).toMatchObject({ kind: 'connection', code: 'ECONNRESET', attempts: 1 });
    expect(server.seen).toHaveLength(1);
  });
});

describe('Retry-After and rate limits', () => {
  it('waits the seconds of Retry-After before retrying', async () => {
    server.reply(status(429, { 'Retry-After': '1' }), status(200));
    const response = await transport({ retryBaseMs: 1 }).request({ path: '/' });
    expect(response).toMatchObject({ status: 200, attempts: 2 });
    expect(gaps()[0]).toBeGreaterThanOrEqual(950);
  });

  it('waits until the HTTP date of Retry-After', async () => {
    // HTTP dates have whole seconds: two seconds ahead is at least one second away.
    const date = new Date(Date.now() + 2000).toUTCString();
    server.reply(status(503, { 'Retry-After': date }), status(200));
    expect(await transport().request({ path: '/' })).toMatchObject({ status: 200, attempts: 2 });
    expect(gaps()[0]).toBeGreaterThanOrEqual(950);
  });

  it('a Retry-After longer than maxWaitMs is not waited: the answer is returned', async () => {
    server.reply(status(503, { 'Retry-After': '3600' }), status(200));
    const started = Date.now();
    const response = await transport({ maxWaitMs: 1000 }).request({ path: '/' });
    expect(response).toMatchObject({ status: 503, attempts: 1 });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('a rate-limit hook holds every request of the transport until the window resets', async () => {
    server.reply(
      status(200, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset-After': '0.3' }),
      status(200, { 'X-RateLimit-Remaining': '5' }),
    );
    const http = transport({
      rateLimit: (answer) =>
        answer.header('x-ratelimit-remaining') === '0'
          ? Number(answer.header('x-ratelimit-reset-after')) * 1000
          : undefined,
    });
    await http.request({ path: '/first' });
    await http.request({ path: '/second' });
    expect(server.seen.map((r) => r.url)).toEqual(['/first', '/second']);
    expect(gaps()[0]).toBeGreaterThanOrEqual(280);
  });

  it('the hook’s wait also sets the delay before a retry', async () => {
    server.reply(status(429, { 'X-Wait-Ms': '300' }), status(200));
    const http = transport({ rateLimit: (answer) => Number(answer.header('x-wait-ms') ?? 0) || undefined });
    expect(await http.request({ path: '/' })).toMatchObject({ status: 200, attempts: 2 });
    expect(gaps()[0]).toBeGreaterThanOrEqual(280);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition never held');
}
