import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createHealth, createLogger, createMetrics, createRedis, type Redis } from '@autoalex/runtime';
import { type BlobStore, createLocalBlobStore, createStorage } from '@autoalex/storage';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppDeps, buildApp } from '../src/app.ts';
import { FILE_GONE, FILES_OFF, FILES_ON_S3 } from '../src/routes/files.ts';

// GET /files/*: local blobs behind the signed links the remix-worker hands out, through fastify's
// inject against a real local store in a temp folder.

const SECRET = 'files-test-secret-0123456789abcdef';
const PUBLIC_URL = 'http://alex.test:8080';
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

const logLines: string[] = [];
const logger = createLogger({
  service: 'web',
  level: 'info',
  destination: new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
});
let redis: Redis;
let dir: string;
/** The remix-worker's side: the same folder and secret, its clock at T0. */
let worker: BlobStore;
/** The web service's side. */
let served: BlobStore;
let app: FastifyInstance;
let clock = T0;
const mp3 = randomBytes(10_000);
const KEY = 'remixes/2026/abc123/So_What__vocals_-60_dB_.mp3';

async function appWith(files: AppDeps['files']): Promise<FastifyInstance> {
  return buildApp({
    logger,
    health: createHealth({ service: 'web', instance: 'files-test' }),
    metrics: createMetrics({ service: 'web', defaultMetrics: false }),
    redis,
    queuePrefix: testQueuePrefix(),
    files,
  });
}

/** The path and query of a link, as the browser sends them to the web service. */
function requestPath(link: string): string {
  const url = new URL(link);
  expect(url.origin).toBe(PUBLIC_URL);
  return `${url.pathname}${url.search}`;
}

beforeAll(async () => {
  redis = createRedis(testRedisUrl(), { logger });
  dir = await mkdtemp(join(tmpdir(), 'web-files-'));
  // Built the way the remix-worker builds its store (createStorage without S3 settings).
  worker = createStorage(
    { STORAGE_DIR: dir, DATA_DIR: dir, PUBLIC_URL, S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: true },
    { signingSecret: SECRET, now: () => T0 },
  );
  served = createLocalBlobStore({ root: dir, publicUrl: PUBLIC_URL });
  await worker.put(KEY, mp3);
  await worker.put('remixes/raw.bin', Buffer.from('flac bytes'), { contentType: 'audio/flac' });
  app = await appWith({ store: served, signingSecret: SECRET, now: () => clock });
});
afterAll(async () => {
  await app?.close();
  await redis?.quit();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /files/* with a link from link()', () => {
  it('streams the blob with its type, length and a download name', async () => {
    clock = T0 + 60_000;
    const link = await worker.link(KEY, { expiresInSeconds: 600 });
    const res = await app.inject({ method: 'GET', url: requestPath(link) });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(mp3)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'audio/mpeg',
      'content-length': String(mp3.length),
      'content-disposition': 'attachment; filename="So_What__vocals_-60_dB_.mp3"',
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(res.headers['last-modified']).toBe((await served.stat(KEY))?.modifiedAt.toUTCString());
  });

  it('uses the content type stored with the blob', async () => {
    clock = T0;
    const res = await app.inject({
      method: 'GET',
      url: requestPath(await worker.link('remixes/raw.bin', { expiresInSeconds: 60 })),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/flac');
    expect(res.headers['content-disposition']).toBe('attachment; filename="raw.bin"');
    expect(res.payload).toBe('flac bytes');
  });

  it('serves single byte ranges, and 416 for one past the end', async () => {
    clock = T0;
    const url = requestPath(await worker.link(KEY, { expiresInSeconds: 600 }));
    const middle = await app.inject({ method: 'GET', url, headers: { range: 'bytes=100-199' } });
    expect(middle.statusCode).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 100-199/${mp3.length}`);
    expect(middle.headers['content-length']).toBe('100');
    expect(middle.rawPayload.equals(mp3.subarray(100, 200))).toBe(true);

    const tail = await app.inject({ method: 'GET', url, headers: { range: 'bytes=-16' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(mp3.subarray(mp3.length - 16))).toBe(true);

    const open = await app.inject({ method: 'GET', url, headers: { range: 'bytes=9990-' } });
    expect(open.headers['content-range']).toBe(`bytes 9990-9999/${mp3.length}`);
    expect(open.rawPayload.equals(mp3.subarray(9990))).toBe(true);

    const past = await app.inject({ method: 'GET', url, headers: { range: 'bytes=10000-' } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${mp3.length}`);
    expect(past.json().error).toMatch(/not within this file of 10000 bytes/);

    // Several ranges, or an If-Range for another version: the whole file.
    const several = await app.inject({ method: 'GET', url, headers: { range: 'bytes=0-1,5-6' } });
    expect(several.statusCode).toBe(200);
    expect(several.rawPayload.length).toBe(mp3.length);
    const stale = await app.inject({
      method: 'GET',
      url,
      headers: { range: 'bytes=0-9', 'if-range': 'Wed, 21 Oct 2015 07:28:00 GMT' },
    });
    expect(stale.statusCode).toBe(200);
    const current = await app.inject({
      method: 'GET',
      url,
      headers: { range: 'bytes=0-9', 'if-range': String(middle.headers['last-modified']) },
    });
    expect(current.statusCode).toBe(206);
  });

  it('answers HEAD with the headers only', async () => {
    clock = T0;
    const url = requestPath(await worker.link(KEY, { expiresInSeconds: 60 }));
    const res = await app.inject({ method: 'HEAD', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({ 'content-length': String(mp3.length), 'content-type': 'audio/mpeg' });
    expect(res.rawPayload.length).toBe(0);
    const part = await app.inject({ method: 'HEAD', url, headers: { range: 'bytes=0-99' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers).toMatchObject({ 'content-length': '100', 'content-range': `bytes 0-99/${mp3.length}` });
  });

  it('refuses an expired link with 403 and says when it expired', async () => {
    clock = T0;
    const url = requestPath(await worker.link(KEY, { expiresInSeconds: 60 }));
    clock = T0 + 59_999;
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    clock = T0 + 60_000;
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      reason: 'expired',
      error: 'This download link expired at 2026-01-01T12:01:00.000Z; ask for a new one',
    });
  });

  it('refuses a changed, cut or forged link with 403 and a clear reason', async () => {
    clock = T0;
    const link = new URL(await worker.link(KEY, { expiresInSeconds: 600 }));
    const expires = link.searchParams.get('expires')!;
    const signature = link.searchParams.get('signature')!;
    const cases: Array<[string, string]> = [
      [`/files/remixes/raw.bin?expires=${expires}&signature=${signature}`, 'bad-signature'],
      [`${link.pathname}?expires=${Number(expires) + 3600}&signature=${signature}`, 'bad-signature'],
      [`${link.pathname}?expires=${expires}&signature=${signature.slice(0, -1)}A`, 'bad-signature'],
      [`${link.pathname}?expires=${expires}`, 'malformed'],
      [link.pathname, 'malformed'],
      [`${link.pathname}?expires=${expires}&expires=${expires}&signature=${signature}`, 'malformed'],
      [`/files/..%2F..%2Fetc%2Fpasswd?expires=${expires}&signature=${signature}`, 'invalid-key'],
    ];
    for (const [url, reason] of cases) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
      expect(res.json(), url).toMatchObject({ reason, error: expect.stringMatching(/^This download link /) });
      expect(res.headers['content-disposition'], url).toBeUndefined();
    }
    const forged = new URL(
      await createLocalBlobStore({ root: dir, publicUrl: PUBLIC_URL, signingSecret: `${SECRET}-other` }).link(KEY, {
        expiresInSeconds: 600,
      }),
    );
    const res = await app.inject({ method: 'GET', url: `${forged.pathname}${forged.search}` });
    expect(res.json()).toMatchObject({ reason: 'bad-signature' });
  });

  it('answers 404 when a valid link names a blob that is gone', async () => {
    clock = T0;
    await worker.put('remixes/short-lived.mp3', Buffer.from('x'));
    const url = requestPath(await worker.link('remixes/short-lived.mp3', { expiresInSeconds: 600 }));
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    await worker.delete('remixes/short-lived.mp3');
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: FILE_GONE });
  });

  it('keeps the signature out of the request log', async () => {
    clock = T0;
    const link = new URL(await worker.link(KEY, { expiresInSeconds: 600 }));
    await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    const logged = logLines.join('');
    expect(logged).toContain(link.pathname);
    expect(logged).not.toContain(link.searchParams.get('signature'));
    expect(logged).toContain('signature=[redacted]');
  });
});

describe('GET /files/* switched off', () => {
  it('without LINK_SIGNING_SECRET: 404 saying how to turn it on', async () => {
    const off = await appWith(undefined);
    try {
      const res = await off.inject({ method: 'GET', url: `/files/${KEY}?expires=1&signature=x` });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: FILES_OFF });
      expect(FILES_OFF).toMatch(/set LINK_SIGNING_SECRET/);
    } finally {
      await off.close();
    }
  });

  it('with blobs on S3: 404 saying links point at S3', async () => {
    const off = await appWith({ disabled: FILES_ON_S3 });
    try {
      const res = await off.inject({ method: 'GET', url: `/files/${KEY}` });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: FILES_ON_S3 });
    } finally {
      await off.close();
    }
  });
});
