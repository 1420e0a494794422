import type { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHttpTransport,
  HttpError,
  type HttpRequest,
  type HttpTransportOptions,
  parseJson,
  type RetryEvent,
} from '../src/index.ts';
import { closedPort, hang, rejection, startServer, status, type TestServer } from './server.ts';

// What the transport sends and hands back, how big an answer may be, downloads, and secrets kept
// out of every message: against a real server.

let server: TestServer;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await server.close();
});

function transport(overrides: Partial<HttpTransportOptions> = {}) {
  return createHttpTransport({ baseUrl: server.url, timeoutMs: 2000, retries: 1, retryBaseMs: 1, ...overrides });
}

function streamError(stream: Readable): Promise<unknown> {
  return new Promise((resolve, reject) => {
    stream.on('error', resolve);
    stream.on('end', () => reject(new Error('the download ended without an error')));
    stream.resume();
  });
}

describe('requests and answers', () => {
  it('joins base, path and query, and sends the transport’s headers with the request’s own', async () => {
    server.reply(status(200, { 'Content-Type': 'application/json', 'X-Total': '7' }, '{"a":[1,2]}'));
    const http = createHttpTransport({
      baseUrl: `${server.url}/root/`,
      headers: { Accept: 'application/json', 'X-Client': 'suite' },
      timeoutMs: 2000,
      retries: 0,
    });
    const response = await http.request({
      path: '/items?type=8',
      query: { q: 'Miles & Coltrane', page: 2, gone: undefined },
      headers: { 'X-Client': 'override', 'X-Extra': '1' },
    });
    expect(server.seen[0]?.url).toBe('/root/items?type=8&q=Miles%20%26%20Coltrane&page=2');
    expect(server.seen[0]?.headers).toMatchObject({
      accept: 'application/json',
      'x-client': 'override',
      'x-extra': '1',
    });
    expect(response).toMatchObject({ status: 200, attempts: 1 });
    expect(response.header('x-total')).toBe('7');
    expect(response.header('X-Missing')).toBeUndefined();
    expect(parseJson(response.body)).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJson(Buffer.from('{"a":'))).toEqual({ ok: false });
  });

  it('sends a body and returns the status of a refusal without throwing', async () => {
    let received = '';
    server.reply((req, res) => {
      req.on('data', (chunk: Buffer) => {
        received += chunk.toString();
      });
      req.on('end', () => {
        res.writeHead(422);
        res.end('{"error":"bad"}');
      });
    });
    const response = await transport().request({
      method: 'POST',
      path: '/songs',
      body: JSON.stringify({ title: 'x' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(received).toBe('{"title":"x"}');
    expect(response.status).toBe(422);
    expect(response.body.toString()).toBe('{"error":"bad"}');
  });

  it('never follows a redirect (the credentials would go with it)', async () => {
    server.reply(status(302, { Location: 'http://example.invalid/elsewhere' }));
    const response = await transport().request({ path: '/' });
    expect(response).toMatchObject({ status: 302, attempts: 1 });
    expect(response.header('location')).toBe('http://example.invalid/elsewhere');
    expect(server.seen).toHaveLength(1);
  });

  it('a path is always below the base URL, never another host', async () => {
    await transport().request({ path: 'http://example.invalid/x' });
    expect(server.seen[0]?.url).toBe('/http://example.invalid/x');
  });
});

describe('size cap', () => {
  it('an answer larger than maxResponseBytes fails as too-large and is not retried', async () => {
    server.reply(status(200, {}, 'x'.repeat(1000)));
    const err = await rejection(transport({ maxResponseBytes: 100, retries: 3 }).request({ path: '/big' }));
    expect(err).toMatchObject({ kind: 'too-large', attempts: 1 });
    expect((err as HttpError).reason).toBe('answer larger than 100 bytes');
    expect(server.seen).toHaveLength(1);
  });

  it('a request may set its own cap; an answer at the cap passes', async () => {
    server.reply(status(200, {}, 'x'.repeat(100)));
    const http = transport({ maxResponseBytes: 100 });
    expect((await http.request({ path: '/' })).body).toHaveLength(100);
    expect(await rejection(http.request({ path: '/', maxBytes: 99 }))).toMatchObject({ kind: 'too-large' });
  });

  it('a download past the cap fails mid-stream as too-large', async () => {
    server.reply(status(200, {}, 'x'.repeat(200_000)));
    const download = await transport({ maxResponseBytes: 50_000 }).download({ path: '/file' });
    if (!('stream' in download)) throw new Error('expected a stream');
    expect(await streamError(download.stream)).toMatchObject({ kind: 'too-large' });
  });
});

describe('downloads', () => {
  it('a 2xx body comes as a stream, an error status comes read whole', async () => {
    server.reply(status(200, { 'Content-Type': 'audio/flac' }, 'abc'), status(404, {}, 'no such part'));
    const http = transport({ retries: 0 });
    const ok = await http.download({ path: '/file' });
    if (!('stream' in ok)) throw new Error('expected a stream');
    const chunks: Buffer[] = [];
    for await (const chunk of ok.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('abc');
    expect(ok.header('content-type')).toBe('audio/flac');
    const missing = await http.download({ path: '/file' });
    expect(missing).toMatchObject({ status: 404, attempts: 1 });
    expect('body' in missing && missing.body.toString()).toBe('no such part');
  });

  it('a download that stalls after its headers fails as a timeout after idleTimeoutMs', async () => {
    server.reply((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write(Buffer.alloc(10));
    });
    const download = await transport({ idleTimeoutMs: 100 }).download({ path: '/part' });
    if (!('stream' in download)) throw new Error('expected a stream');
    const err = await streamError(download.stream);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ kind: 'timeout', reason: 'download stalled for 100 ms' });
  });

  it('the caller’s abort ends a download in progress with the caller’s reason', async () => {
    server.reply((_req, res) => {
      res.writeHead(200);
      res.write('some');
    });
    const stop = new AbortController();
    const download = await transport().download({ path: '/part', signal: stop.signal });
    if (!('stream' in download)) throw new Error('expected a stream');
    const failed = streamError(download.stream);
    stop.abort(new Error('user left'));
    expect(await failed).toEqual(new Error('user left'));
  });
});

describe('the client’s own errors', () => {
  it('toError turns every failure into the client’s error, with the request that failed', async () => {
    class ClientError extends Error {}
    server.reply(hang);
    const seen: HttpRequest[] = [];
    const http = transport({
      timeoutMs: 50,
      retries: 0,
      toError: (error, request) => {
        seen.push(request);
        return new ClientError(`Client ${String(request.query?.cmd)}: ${error.reason}`);
      },
    });
    const err = await rejection(http.request({ path: '/api', query: { cmd: 'get_users' } }));
    expect(err).toBeInstanceOf(ClientError);
    expect((err as Error).message).toBe('Client get_users: no answer within 50 ms');
    expect(seen).toHaveLength(1);
  });
});

describe('redaction', () => {
  const token = 'tok-3f9a8b7c6d5e';
  const apiKey = 'k3y0123456789abcdef';

  function expectHidden(value: unknown) {
    for (const secret of [token, apiKey]) {
      expect(String(value)).not.toContain(secret);
      expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(secret);
      expect(JSON.stringify(value)).not.toContain(secret);
    }
  }

  it('no secret in errors, retry events or described URLs; query tokens are redacted by name', async () => {
    server.reply(hang);
    const events: RetryEvent[] = [];
    const http = transport({
      timeoutMs: 50,
      retries: 1,
      headers: { 'X-Plex-Token': token },
      secrets: [token],
      onRetry: (event) => events.push(event),
    });
    const request: HttpRequest = {
      path: `/library/${token}/items?X-Plex-Token=${token}`,
      query: { apikey: apiKey, cmd: 'get_history', access_token: 'another-secret-value', page: 2 },
    };
    const err = await rejection(http.request(request));
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(server.seen[0]?.url).toContain(apiKey); // it was sent, only never shown
    expectHidden(err);
    expectHidden(events);
    expect(events).toHaveLength(1);
    expect(events[0]?.url).toBe(
      `${server.url}/library/[redacted]/items?X-Plex-Token=[redacted]&apikey=[redacted]&cmd=get_history&access_token=[redacted]&page=2`,
    );
    expect(err).toMatchObject({ path: '/library/[redacted]/items' });
    expect((err as HttpError).url).not.toContain('another-secret-value');
    expect(http.describe(request)).toMatchObject({ method: 'GET', path: '/library/[redacted]/items' });
    expect(http.redact(`server said: bad token ${token}`)).toBe('server said: bad token [redacted]');
  });

  it('credentials in the base URL stay out of a connection failure', async () => {
    const http = createHttpTransport({
      baseUrl: `http://user:hunter2-password@127.0.0.1:${await closedPort()}`,
      timeoutMs: 1000,
      retries: 0,
    });
    const err = await rejection(http.request({ path: '/' }));
    expect(err).toMatchObject({ kind: 'connection' });
    expect(String(err)).not.toContain('hunter2-password');
    expect(JSON.stringify(err)).not.toContain('hunter2-password');
  });
});
