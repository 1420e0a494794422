import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeparator, type Separator, type Stem } from '@autoalex/audio';
import { usableAttachmentBytes } from '@autoalex/discord';
import { type BlobStore, createLocalBlobStore, verifyLocalLink } from '@autoalex/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noStemCache } from '../src/cache/stem-cache.ts';
import { type RemixOutput, runRemixPipeline } from '../src/pipeline/run-remix.ts';
import { withTempDir } from '../src/pipeline/temp-dir.ts';
import { isRemixError } from '../src/remix/errors.ts';
import { acquireLocalFile } from '../src/sources/acquire.ts';
import { type Delivery, deliverRemix } from '../src/worker/deliver.ts';
import { ffprobe, makeTone, writeModels } from './helpers.ts';

// Delivery within Discord's limits: the 320 kbit/s MP3 when it fits, a lower bitrate when that
// fits, a download link to the stored 320 kbit/s file when nothing does.

const SECRET = 'a-test-signing-secret-of-some-length';
let dir: string;
let paths: Record<Stem, string>;
let separator: Separator;
let input: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remix-deliver-'));
  paths = await writeModels(dir);
  separator = createSeparator({ modelPaths: paths, shifts: 0, threads: 2 });
  input = join(dir, 'song.flac');
  makeTone(input, { seconds: 20 });
});
afterAll(async () => {
  await separator?.close();
  await rm(dir, { recursive: true, force: true });
});

function store(secret?: string): BlobStore {
  return createLocalBlobStore({
    root: join(dir, 'blobs'),
    publicUrl: 'http://tower.local:8080',
    ...(secret ? { signingSecret: secret } : {}),
  });
}

/** Runs the pipeline, then delivery with `limit`, inside one temp folder. */
async function deliver(
  limit: number | undefined,
  storage: BlobStore,
  key: string,
): Promise<{ delivery: Delivery; output: RemixOutput; probe?: ReturnType<typeof ffprobe> }> {
  return withTempDir(async (workDir) => {
    const source = await acquireLocalFile(input, workDir, { maxBytes: 1 << 30 });
    const output = await runRemixPipeline(
      { separator, modelPaths: paths, cache: noStemCache, maxSeconds: 60 },
      { workDir, source: source.file, spec: { stem: 'drums', gainDb: -60 }, track: { title: 'Take Five' } },
    );
    const delivery = await deliverRemix(
      { storage, linkTtlSeconds: 3600 },
      { output, storageKey: key, attachmentSizeLimit: limit },
    );
    let probe: ReturnType<typeof ffprobe> | undefined;
    if (delivery.kind === 'attachment') {
      const file = join(workDir, 'attached.mp3');
      await writeFile(file, delivery.data);
      probe = ffprobe(file);
    }
    return { delivery, output, ...(probe ? { probe } : {}) };
  });
}

describe('delivery', { timeout: 120_000 }, () => {
  it('attaches the 320 kbit/s file when it fits, and keeps it in storage', async () => {
    const storage = store(SECRET);
    const { delivery, output } = await deliver(25 * 1024 * 1024, storage, 'remixes/t/fits.mp3');
    expect(delivery).toMatchObject({ kind: 'attachment', bitrateKbps: 320, storageKey: 'remixes/t/fits.mp3' });
    expect(delivery.bytes).toBe(output.bytes);
    expect((await storage.stat('remixes/t/fits.mp3'))?.size).toBe(output.bytes);
  });

  it('re-encodes at a lower bitrate when 320 kbit/s is over the limit but that fits', async () => {
    const storage = store(SECRET);
    // 20 s at 320 kbit/s is about 800 kB; allow 70 % of it: 256 kbit/s (80 %) cannot fit, 192 (60 %) can.
    const probe320 = await deliver(undefined, storage, 'remixes/t/size.mp3');
    const limit = Math.ceil((probe320.output.bytes * 0.7) / 0.95);
    const { delivery, probe } = await deliver(limit, storage, 'remixes/t/lower.mp3');
    expect(delivery).toMatchObject({ kind: 'attachment', bitrateKbps: 192, storageKey: undefined });
    expect(delivery.bytes).toBeLessThanOrEqual(usableAttachmentBytes(limit));
    expect(Number(probe?.format.bit_rate)).toBeGreaterThan(185_000);
    expect(Number(probe?.format.bit_rate)).toBeLessThan(200_000);
    expect(Math.abs(Number(probe?.format.duration) - 20)).toBeLessThan(0.1);
    // The stored copy is still the 320 kbit/s one.
    expect((await storage.stat('remixes/t/lower.mp3'))?.size).toBe(probe320.output.bytes);
  });

  it('hands out a signed link to the stored 320 kbit/s file when even 128 kbit/s is too large', async () => {
    const storage = store(SECRET);
    const { delivery, output } = await deliver(10_000, storage, 'remixes/t/link.mp3');
    expect(delivery.kind).toBe('link');
    if (delivery.kind !== 'link') return;
    expect(delivery).toMatchObject({ bitrateKbps: 320, bytes: output.bytes, expiresInSeconds: 3600 });
    const url = new URL(delivery.url);
    expect(url.origin).toBe('http://tower.local:8080');
    expect(url.pathname).toBe('/files/remixes/t/link.mp3');
    const verdict = verifyLocalLink(
      SECRET,
      'remixes/t/link.mp3',
      url.searchParams.get('expires'),
      url.searchParams.get('signature'),
    );
    expect(verdict).toEqual({ ok: true });
  });

  it('says what the admin must set when no link can be made (local disk without a signing secret)', async () => {
    const err = await deliver(10_000, store(), 'remixes/t/nolink.mp3').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRemixError(err, 'UNDELIVERABLE')).toBe(true);
    expect((err as Error).message).toMatch(/over Discord's .* limit here even at 128 kbit\/s.*LINK_SIGNING_SECRET/);
  });
});
