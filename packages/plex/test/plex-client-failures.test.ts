import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlexClient, isPlexError, type PlexClient, PlexError } from '../src/index.ts';
import { type FakePlex, sampleLibrary, startFakePlex } from '../src/testing/index.ts';

// How the Plex client fails: every failure is a PlexError with a kind, retried only where that is
// safe, and never carries the token.

let fake: FakePlex;

beforeEach(async () => {
  fake = await startFakePlex(sampleLibrary());
});

afterEach(async () => {
  await fake.close();
});

function client(overrides: Partial<Parameters<typeof createPlexClient>[0]> = {}): PlexClient {
  return createPlexClient({
    url: fake.url,
    token: fake.token,
    retries: 2,
    retryBaseMs: 1,
    timeoutMs: 5000,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<PlexError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PlexError) return err;
    throw err;
  }
  throw new Error('expected a PlexError');
}

function expectNoToken(err: unknown, token: string) {
  expect(String(err)).not.toContain(token);
  expect(inspect(err, { depth: 10, showHidden: true })).not.toContain(token);
  expect(JSON.stringify(err)).not.toContain(token);
}

describe('authentication', () => {
  it('a wrong token is unauthorized at once, never retried', async () => {
    const wrong = createPlexClient({ url: fake.url, token: 'wrong-token-123456', retries: 3, retryBaseMs: 1 });
    const err = await failure(wrong.sections());
    expect(err).toMatchObject({ kind: 'unauthorized', status: 401, attempts: 1, path: '/library/sections' });
    expect(fake.requests).toHaveLength(1);
    expectNoToken(err, 'wrong-token-123456');
  });

  it('a shared user may not list sessions', async () => {
    const err = await failure(client().asUser('bob-plex-token').sessions());
    expect(err.kind).toBe('unauthorized');
  });
});

describe('retries', () => {
  it('a 500 then success is retried and succeeds', async () => {
    fake.fail(1, 500);
    expect((await client().sections()).map((s) => s.id)).toEqual(['3']);
    expect(fake.requests.map((r) => r.path)).toEqual(['/library/sections', '/library/sections']);
  });

  it('gives up after the configured retries with a server error', async () => {
    fake.fail(Number.POSITIVE_INFINITY, 503);
    const err = await failure(client({ retries: 2 }).artists(3));
    expect(err).toMatchObject({ kind: 'server', status: 503, attempts: 3 });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a POST that reached the server', async () => {
    const plex = client();
    await plex.identity(); // the machine identifier the playlist uri needs
    fake.fail(1, 500);
    const err = await failure(plex.createSmartPlaylist({ sectionId: 3, title: 'Top' }));
    expect(err.kind).toBe('server');
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(fake.library.playlists).toHaveLength(0);
  });

  it('4xx answers are not retried', async () => {
    const err = await failure(client().albumTracks('999999'));
    expect(err).toMatchObject({ kind: 'not-found', status: 404, attempts: 1 });
    expect(fake.requests).toHaveLength(1);
  });

  it('even a token a caller put into a path stays out of the error', async () => {
    const err = await failure(client().albumTracks(fake.token));
    expect(err.kind).toBe('not-found');
    expectNoToken(err, fake.token);
  });
});

describe('an unreachable or stuck server', () => {
  it('connection refused is unreachable, after retries', async () => {
    await fake.down('refused');
    const plex = client();
    const err = await failure(plex.sections());
    expect(err).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED', attempts: 3 });
    expectNoToken(err, fake.token);
    await fake.up();
    expect(await plex.sections()).toHaveLength(1);
  });

  it('connections dropped on accept are unreachable', async () => {
    await fake.down('reset');
    const err = await failure(client({ retries: 1 }).sections());
    expect(err.kind).toBe('unreachable');
  });

  it('succeeds when the server is back before the retries run out', async () => {
    await fake.down('refused');
    const plex = client({ retries: 5, retryBaseMs: 20 });
    const pending = plex.sections();
    await fake.up();
    expect(await pending).toHaveLength(1);
  });

  it('a server that never answers is a timeout', async () => {
    fake.hang();
    const err = await failure(client({ timeoutMs: 150, retries: 1 }).sections());
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(fake.requests).toHaveLength(2);
  });

  it('a caller that gives up aborts the request and any retry, with its own reason', async () => {
    // In flight: the server never answers, the caller stops waiting long before the timeout.
    fake.hang();
    const stop = new AbortController();
    const pending = client({ timeoutMs: 60_000, retries: 5 }).track('5201', { signal: stop.signal });
    stop.abort(new Error('job cancelled'));
    await expect(pending).rejects.toThrow('job cancelled');
    expect(fake.requests.length).toBeLessThanOrEqual(1);
    fake.normal();

    // Between attempts: a 503, then the caller gives up during the (long) backoff.
    let arrived!: () => void;
    const first = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    fake.intercept(() => {
      arrived();
      return { status: 503, body: 'busy' };
    });
    const later = new AbortController();
    const retrying = client({ retries: 5, retryBaseMs: 60_000, retryMaxMs: 60_000 }).track('5201', {
      signal: later.signal,
    });
    await first;
    later.abort(new Error('shutting down'));
    await expect(retrying).rejects.toThrow('shutting down');
    expect(fake.requests.filter((r) => r.path === '/library/metadata/5201').length).toBeLessThanOrEqual(2);

    const already = client().track('5201', { signal: AbortSignal.abort(new Error('too late')) });
    await expect(already).rejects.toThrow('too late');
  });

  it('a slow server within the deadline is fine', async () => {
    fake.slow(30);
    expect(await client({ timeoutMs: 5000 }).sections()).toHaveLength(1);
  });

  it('a download that stalls after its headers fails as a timeout', async () => {
    const plex = client({ idleTimeoutMs: 100 });
    const [track] = await plex.albumTracks('5101');
    const partKey = track?.parts[0]?.key ?? '';
    await fake.close();
    // A hand-made server that sends headers and then nothing.
    const { createServer } = await import('node:http');
    const stalled = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': '1000' });
      res.write(Buffer.alloc(10));
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const address = stalled.address() as { port: number };
    try {
      const direct = createPlexClient({
        url: `http://127.0.0.1:${address.port}`,
        token: 'stall-token-1234',
        idleTimeoutMs: 100,
      });
      const download = await direct.downloadPart(partKey);
      const err = await new Promise<unknown>((resolve) => {
        download.stream.on('error', resolve);
        download.stream.resume();
      });
      expect(isPlexError(err, 'timeout')).toBe(true);
    } finally {
      stalled.closeAllConnections();
      await new Promise((resolve) => stalled.close(resolve));
      fake = await startFakePlex(sampleLibrary());
    }
  });
});

describe('large downloads', () => {
  it('streams a part larger than the client cap when the caller names a larger limit', async () => {
    const { createServer } = await import('node:http');
    const partKey = '/library/parts/9001/1700000000/file.flac';
    const body = Buffer.alloc(5000, 7);
    const big = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'audio/flac', 'Content-Length': String(body.length) });
      res.end(body);
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    const address = big.address() as { port: number };
    const read = async (stream: NodeJS.ReadableStream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    try {
      const client = createPlexClient({
        url: `http://127.0.0.1:${address.port}`,
        token: 'big-token-1234',
        maxResponseBytes: 1000,
      });
      const capped = client.downloadPart(partKey).then((d) => read(d.stream));
      await expect(capped).rejects.toMatchObject({ name: 'PlexError' });
      const whole = await client.downloadPart(partKey, { maxBytes: 10_000 });
      expect((await read(whole.stream)).equals(body)).toBe(true);
    } finally {
      big.closeAllConnections();
      await new Promise((resolve) => big.close(resolve));
    }
  });
});

describe('hostile or malformed answers', () => {
  const cases: [string, { status: number; headers?: Record<string, string>; body: string }, RegExp][] = [
    [
      'not JSON',
      { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"MediaContainer": {' },
      /not valid JSON/,
    ],
    [
      'XML where JSON was asked for',
      { status: 200, headers: { 'Content-Type': 'text/xml' }, body: '<MediaContainer size="0"/>' },
      /expected JSON but got text\/xml/,
    ],
    [
      'a container that is a string',
      { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"MediaContainer": "nope"}' },
      /MediaContainer/,
    ],
    [
      'sections without keys',
      {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: '{"MediaContainer": {"Directory": [{"title": 1}]}}',
      },
      /Directory\[0\]/,
    ],
    ['null', { status: 200, headers: { 'Content-Type': 'application/json' }, body: 'null' }, /unexpected answer/],
  ];
  for (const [name, reply, message] of cases) {
    it(`${name} → bad-response`, async () => {
      fake.intercept(() => reply);
      const err = await failure(client().sections());
      expect(err.kind).toBe('bad-response');
      expect(err.message).toMatch(message);
      expect(fake.requests).toHaveLength(1);
    });
  }

  it('tracks with a wrong type or a missing parent are refused, not half-read', async () => {
    fake.intercept((request) =>
      request.query.get('type') === '10'
        ? {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              MediaContainer: { size: 1, totalSize: 1, Metadata: [{ ratingKey: '1', type: 'episode', title: 'x' }] },
            }),
          }
        : undefined,
    );
    const err = await failure(client().tracks(3));
    expect(err.kind).toBe('bad-response');
    expect(err.message).toContain('Metadata[0]');
  });

  it('a server that lies about totalSize does not make the client loop', async () => {
    fake.intercept((request) =>
      request.query.get('type') === '8'
        ? {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ MediaContainer: { size: 0, totalSize: 1_000_000, Metadata: [] } }),
          }
        : undefined,
    );
    expect(await client().artists(3)).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('an answer larger than the limit is refused', async () => {
    const err = await failure(client({ maxResponseBytes: 200 }).tracks(3));
    expect(err.kind).toBe('bad-response');
    expect(err.message).toMatch(/larger than 200 bytes/);
  });
});

describe('configuration', () => {
  it('refuses a bad URL or an empty token before any request', () => {
    expect(() => createPlexClient({ url: 'not a url', token: 'x' })).toThrow(PlexError);
    expect(() => createPlexClient({ url: 'ftp://plex.local', token: 'x' })).toThrow(/http/);
    expect(() => createPlexClient({ url: fake.url, token: '' })).toThrow(/token/);
  });
});
