import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeparator, type Separator, type Stem } from '@autoalex/audio';
import { createLocalBlobStore } from '@autoalex/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStemCache, noStemCache, type StemCache } from '../src/cache/stem-cache.ts';
import { LIMIT } from '../src/pipeline/mix-graph.ts';
import { type PipelineDeps, runRemixPipeline } from '../src/pipeline/run-remix.ts';
import { withTempDir } from '../src/pipeline/temp-dir.ts';
import { isRemixError, type RemixErrorCode } from '../src/remix/errors.ts';
import type { RemixSpec } from '../src/remix/request.ts';
import { acquireLocalFile } from '../src/sources/acquire.ts';
import { db, decodeToFloats, ffmpeg, ffprobe, makeTone, peak, rms, writeModels } from './helpers.ts';

// The remix pipeline end to end: real audio files made by FFmpeg, real FFmpeg decode/mix/encode,
// ONNX Runtime in the separator's worker thread with closed-form models (stem = gain[c]·mix[c]).

const GAIN: [number, number] = [0.5, 0.25];
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let dir: string;
let paths: Record<Stem, string>;
let real: Separator;
const separated: Stem[][] = [];
let spy: Pick<Separator, 'separate'>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remix-pipeline-'));
  paths = await writeModels(dir, GAIN);
  real = createSeparator({ modelPaths: paths, shifts: 0, threads: 2 });
  spy = {
    separate: (audio, options) => {
      separated.push([...options.stems]);
      return real.separate(audio, options);
    },
  };
});
afterAll(async () => {
  await real?.close();
  await rm(dir, { recursive: true, force: true });
});

function deps(overrides: Partial<PipelineDeps> = {}): PipelineDeps {
  return { separator: spy, modelPaths: paths, cache: noStemCache, maxSeconds: 60, ...overrides };
}

interface Made {
  mp3: string;
  seconds: number;
  cacheHit: boolean;
  bytes: number;
  title: string;
}

async function remix(
  input: string,
  spec: RemixSpec,
  options: { deps?: Partial<PipelineDeps>; cover?: Uint8Array; title?: string; artist?: string; album?: string } = {},
): Promise<Made> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.mp3`);
  return withTempDir(async (workDir) => {
    const source = await acquireLocalFile(input, workDir, { maxBytes: 1 << 30 });
    const output = await runRemixPipeline(deps(options.deps), {
      workDir,
      source: source.file,
      spec,
      track: {
        ...source.track,
        title: options.title,
        artist: options.artist,
        album: options.album,
        cover: options.cover,
      },
    });
    await writeFile(out, await readFile(output.mp3Path));
    return {
      mp3: out,
      seconds: output.seconds,
      cacheHit: output.cacheHit,
      bytes: output.bytes,
      title: output.tags.title,
    };
  });
}

async function failure(input: string, spec: RemixSpec, overrides: Partial<PipelineDeps> = {}) {
  const err = await remix(input, spec, { deps: overrides }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isRemixError(err)) throw new Error(`expected a RemixError, got ${String(err)}`);
  return err;
}

const vocalsCut: RemixSpec = { stem: 'vocals', gainDb: -60, preset: 'karaoke' };

describe('remix pipeline', { timeout: 120_000 }, () => {
  it('makes a 320 kbit/s stereo MP3 of the track length with title, artist, album and cover', async () => {
    const input = join(dir, 'song.flac');
    makeTone(input, { seconds: 9.5 });
    const made = await remix(
      input,
      { stem: 'bass', gainDb: 4 },
      {
        title: 'So What',
        artist: 'Miles Davis',
        album: 'Kind of Blue',
        cover: PNG,
      },
    );
    expect(made.seconds).toBeCloseTo(9.5, 3);
    const probe = ffprobe(made.mp3);
    expect(probe.format.format_name).toBe('mp3');
    expect(Math.abs(Number(probe.format.duration) - 9.5)).toBeLessThan(0.1);
    const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
    expect(audio).toMatchObject({ codec_name: 'mp3', sample_rate: '44100', channels: 2 });
    expect(Number(probe.format.bit_rate)).toBeGreaterThan(310_000);
    expect(Number(probe.format.bit_rate)).toBeLessThan(330_000);
    expect(probe.format.tags).toMatchObject({
      title: 'So What (bass +4 dB)',
      artist: 'Miles Davis',
      album: 'Kind of Blue',
    });
    const cover = probe.streams.find((s) => s.codec_type === 'video');
    expect(cover).toMatchObject({ codec_name: 'png', disposition: { attached_pic: 1 } });
  });

  it('holds the remix equation: out = mix + (gain − 1)·stem, per channel', async () => {
    const input = join(dir, 'tone.wav');
    makeTone(input, { seconds: 8, left: 440, right: 660 });
    const source = decodeToFloats(input);
    for (const gainDb of [6, -60, -12]) {
      const made = await remix(input, { stem: 'vocals', gainDb });
      const out = decodeToFloats(made.mp3);
      for (const c of [0, 1] as const) {
        // stem = GAIN[c]·mix, so out = (1 + (g − 1)·GAIN[c])·mix; away from the MP3's edges.
        const expected = db(1 + (10 ** (gainDb / 20) - 1) * GAIN[c]);
        const measured = db(rms(out, c, 1, 7) / rms(source, c, 1, 7));
        expect(Math.abs(measured - expected), `${gainDb} dB, channel ${c}`).toBeLessThan(0.05);
      }
    }
  });

  it('keeps a boosted loud track under full scale (limiter, no clipping)', async () => {
    const input = join(dir, 'loud.wav');
    makeTone(input, { seconds: 4, volume: 6 }); // sines at 0.75
    const made = await remix(input, { stem: 'drums', gainDb: 12 });
    expect(peak(decodeToFloats(made.mp3))).toBeLessThan(LIMIT * 1.05);
  });

  it('reuses the cached stem of the same file (any gain) and does not separate again', async () => {
    const store = createLocalBlobStore({ root: join(dir, 'blobs'), publicUrl: 'http://localhost:8080' });
    const cache: StemCache = createBlobStemCache(store);
    const input = join(dir, 'cached.flac');
    makeTone(input, { seconds: 5, left: 300, right: 500 });
    const before = separated.length;
    const first = await remix(input, { stem: 'other', gainDb: 4 }, { deps: { cache } });
    expect(first.cacheHit).toBe(false);
    expect(separated.length).toBe(before + 1);
    const second = await remix(input, { stem: 'other', gainDb: -60 }, { deps: { cache } });
    expect(second.cacheHit).toBe(true);
    expect(separated.length, 'the separator was not called for the repeat').toBe(before + 1);
    // The cached stem is the same stem: the cut is as deep as a fresh separation would make it.
    const source = decodeToFloats(input);
    const expected = db(1 + (10 ** (-60 / 20) - 1) * GAIN[0]);
    expect(Math.abs(db(rms(decodeToFloats(second.mp3), 0, 1, 4) / rms(source, 0, 1, 4)) - expected)).toBeLessThan(0.05);
    // Another stem of the same file is a miss.
    const third = await remix(input, { stem: 'bass', gainDb: 4 }, { deps: { cache } });
    expect(third.cacheHit).toBe(false);
    expect(separated.at(-1)).toEqual(['bass']);
  });

  it('a cache hit mixes from the source file without decoding ahead, and makes the same MP3 byte for byte', async () => {
    const store = createLocalBlobStore({ root: join(dir, 'blobs-exact'), publicUrl: 'http://localhost:8080' });
    const cache: StemCache = createBlobStemCache(store);
    const stereo = join(dir, 'exact.flac');
    makeTone(stereo, { seconds: 5, left: 310, right: 470 });
    const mono = join(dir, 'exact-mono.mp3');
    makeTone(mono, { seconds: 4, mono: true, rate: 22_050 }); // pan duplicates, aresample to 44.1 kHz
    for (const input of [stereo, mono]) {
      const spec: RemixSpec = { stem: 'vocals', gainDb: -9 };
      const first = await remix(input, spec, { deps: { cache }, title: 'Exact' });
      const again = await remix(input, spec, { deps: { cache }, title: 'Exact' });
      expect([first.cacheHit, again.cacheHit]).toEqual([false, true]);
      expect(again.seconds).toBe(first.seconds);
      const [a, b] = [await readFile(first.mp3), await readFile(again.mp3)];
      expect(b.equals(a), `${input}: the repeat differs from the first remix`).toBe(true);
    }
  });

  it('on a cache hit still refuses a track over a lowered length limit, and separates again for an unreadable cached stem', async () => {
    const store = createLocalBlobStore({ root: join(dir, 'blobs-hit'), publicUrl: 'http://localhost:8080' });
    const cache: StemCache = createBlobStemCache(store);
    const input = join(dir, 'hit-limits.wav');
    makeTone(input, { seconds: 6 });
    expect((await remix(input, vocalsCut, { deps: { cache } })).cacheHit).toBe(false);
    // The header says 6 s: refused by the probe before anything else.
    const byHeader = await failure(input, vocalsCut, { cache, maxSeconds: 5 });
    expect(byHeader.code).toBe('TOO_LONG');
    // A cache whose copy is damaged: not used, the stem is separated again and the remix goes on.
    const broken: StemCache = {
      fetch: async (key, dest, signal) => {
        const ok = await cache.fetch(key, dest, signal);
        if (ok) await truncate(dest, 1000);
        return ok;
      },
      store: async () => {},
    };
    const before = separated.length;
    const made = await remix(input, vocalsCut, { deps: { cache: broken } });
    expect(made.cacheHit).toBe(false);
    expect(separated.length).toBe(before + 1);
  });

  it('takes mono and odd sample rates: stereo 44.1 kHz out, same length, mono duplicated at the same level', async () => {
    const input = join(dir, 'mono.wav');
    makeTone(input, { seconds: 6, mono: true, rate: 22_050 });
    const made = await remix(input, { stem: 'vocals', gainDb: -60 });
    expect(made.seconds).toBeCloseTo(6, 3);
    const out = decodeToFloats(made.mp3);
    const left = rms(out, 0, 1, 5);
    const right = rms(out, 1, 1, 5);
    // Channel c is cut by 1 + (g − 1)·GAIN[c] from the same mono signal.
    const expectedRatio = (1 + (10 ** -3 - 1) * GAIN[0]) / (1 + (10 ** -3 - 1) * GAIN[1]);
    expect(Math.abs(db(left / right) - db(expectedRatio))).toBeLessThan(0.05);
    // The mono signal was duplicated, not attenuated: a 1/8 sine cut by 0.5 is about 0.0625 peak.
    expect(Math.abs(left - 0.125 * Math.SQRT1_2 * (1 + (10 ** -3 - 1) * GAIN[0]))).toBeLessThan(0.002);
  });

  describe('bad input gets a clear message, never a crash', () => {
    const cases: [string, (path: string) => Promise<void> | void, RemixErrorCode, RegExp][] = [
      [
        'a text file',
        (p) => writeFile(p, 'these are the liner notes, not music\n'.repeat(50)),
        'NOT_AUDIO',
        /not an audio file/,
      ],
      [
        'random bytes named .mp3',
        (p) => writeFile(p, Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 251))),
        'NOT_AUDIO',
        /not an audio file/,
      ],
      ['a PNG image', (p) => writeFile(p, PNG), 'NOT_AUDIO', /not an audio file|no audio/],
      [
        'an HLS playlist pretending to be an MP3 (would make FFmpeg open other files)',
        (p) => writeFile(p, '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n'),
        'NOT_AUDIO',
        /not an audio file/,
      ],
      [
        'a truncated FLAC (its header says longer)',
        async (p) => {
          makeTone(p, { seconds: 6 });
          await truncate(p, 50_000);
        },
        'TRUNCATED',
        /cut short: it says it is 0:06 long, but only 0:0\d/,
      ],
      [
        'a truncated M4A (no index)',
        async (p) => {
          ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=6', '-c:a', 'aac', p]);
          await truncate(p, 30_000);
        },
        'NOT_AUDIO',
        /not an audio file I can read \(FFmpeg: .*moov atom not found/,
      ],
      [
        'a track over the length limit',
        (p) => makeTone(p, { seconds: 70 }),
        'TOO_LONG',
        /1:10 long; remixes are limited to 1:00/,
      ],
      ['silence', (p) => ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=stereo', '-t', '3', p]), 'SILENT', /silent/],
      ['a 50 ms blip', (p) => makeTone(p, { seconds: 0.05 }), 'TOO_SHORT', /only 0.05 s long/],
      [
        'a video without audio',
        (p) => ffmpeg(['-f', 'lavfi', '-i', 'color=c=black:s=16x16:d=1', '-c:v', 'mpeg4', p]),
        'NOT_AUDIO',
        /no audio in it/,
      ],
    ];
    const names = [
      'notes.mp3',
      'noise.mp3',
      'cover.mp3',
      'evil.mp3',
      'cut.flac',
      'cut.m4a',
      'long.flac',
      'quiet.wav',
      'blip.wav',
      'video.mp4',
    ];

    it.each(cases.map((c, i) => [...c, names[i]!] as const))('%s', async (_name, make, code, message, file) => {
      const input = join(dir, file);
      await make(input);
      const err = await failure(input, vocalsCut);
      expect(err.code).toBe(code);
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain(tmpdir());
    });
  });

  it('says how to get a missing model, naming the export script and the fetch command', async () => {
    const input = join(dir, 'nomodel.wav');
    makeTone(input, { seconds: 2 });
    const err = await failure(input, vocalsCut, { modelPaths: { ...paths, vocals: join(dir, 'absent.onnx') } });
    expect(err.code).toBe('MODEL_MISSING');
    expect(err.message).toMatch(/export-htdemucs-onnx\.py .*--stems vocals/);
    expect(err.message).toMatch(/npm run remix -- --fetch-models --url/);
  });

  it('removes its temp files after success, failure and abort', async () => {
    const parent = join(dir, 'tmp-parent');
    await mkdir(parent);
    const input = join(dir, 'clean.wav');
    makeTone(input, { seconds: 12 });
    const run = (signal?: AbortSignal) =>
      withTempDir(async (workDir) => {
        const source = await acquireLocalFile(input, workDir, { maxBytes: 1 << 30 });
        return runRemixPipeline(deps(), {
          workDir,
          source: source.file,
          spec: vocalsCut,
          track: {},
          signal,
          onProgress: (p) => {
            if (p.phase === 'separating' && p.fraction > 0) controller.abort(new Error('stop'));
          },
        });
      }, parent);
    const controller = new AbortController();
    await expect(run(controller.signal)).rejects.toThrow('stop');
    expect(await readdir(parent)).toEqual([]);
    await expect(
      withTempDir(async (workDir) => {
        await writeFile(join(workDir, 'x'), 'x');
        throw new Error('boom');
      }, parent),
    ).rejects.toThrow('boom');
    expect(await readdir(parent)).toEqual([]);
    expect(existsSync(parent)).toBe(true);
  });
});
