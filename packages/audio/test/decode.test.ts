import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioFile, FfmpegError } from '../src/index.ts';
import { ffmpeg } from './helpers/ffmpeg.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'autoalex-decode-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('decodeAudioFile', () => {
  it('decodes stereo to planar float at 44.1 kHz, resampling when needed', async () => {
    const path = join(dir, 'stereo.flac');
    // Left 441 Hz, right silent, 48 kHz source.
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=441:sample_rate=48000:duration=1',
      '-af',
      'pan=stereo|c0=c0|c1=0*c0',
      path,
    ]);
    const out = await decodeAudioFile(path);
    expect(out.sampleRate).toBe(44_100);
    expect(out.sourceChannels).toBe(2);
    expect(out.channels[0].length).toBeGreaterThan(44_000);
    expect(out.channels[0].length).toBeLessThan(44_200);
    const peak = out.channels[0].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.1);
    expect(out.channels[1].every((v) => Math.abs(v) < 1e-6)).toBe(true);
  });

  it('duplicates mono and keeps the first two of three channels (not an FFmpeg down-mix)', async () => {
    const mono = join(dir, 'mono.wav');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=300:duration=0.5', mono]);
    const m = await decodeAudioFile(mono);
    expect(m.sourceChannels).toBe(1);
    expect(m.channels[1]).toEqual(m.channels[0]);
    const three = join(dir, 'three.wav');
    ffmpeg(['-f', 'lavfi', '-i', 'aevalsrc=0.1|0.2|0.3:s=44100:d=0.5', '-c:a', 'pcm_f32le', three]);
    const t = await decodeAudioFile(three);
    expect(t.sourceChannels).toBe(3);
    expect(t.channels[0][100]).toBeCloseTo(0.1, 6);
    expect(t.channels[1][100]).toBeCloseTo(0.2, 6);
  });

  it('says what went wrong for a file FFmpeg cannot read, and for a missing ffmpeg', async () => {
    const junk = join(dir, 'junk.mp3');
    await writeFile(junk, 'not audio');
    const err = await decodeAudioFile(junk).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FfmpegError);
    expect((err as FfmpegError).message).toMatch(/FFmpeg could not decode .*junk\.mp3 \(exit 1\)/);
    await expect(decodeAudioFile(junk, { ffmpegPath: join(dir, 'no-ffmpeg') })).rejects.toThrow(
      /not found; install FFmpeg/,
    );
  });

  it('reads local files only: a URL is taken as a file name and nothing is fetched', async () => {
    const wav = join(dir, 'served.wav');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=300:duration=0.5', wav]);
    const body = await readFile(wav);
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const url of [`http://127.0.0.1:${port}/a.wav`, `tcp://127.0.0.1:${port}`]) {
        const err = await decodeAudioFile(url).catch((e: unknown) => e);
        expect(err, url).toBeInstanceOf(FfmpegError);
        expect((err as FfmpegError).detail, url).toMatch(/No such file or directory/);
      }
      expect(requests).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses an HLS playlist, whatever it is called, instead of opening the files it lists', async () => {
    // An MP3 segment: a type FFmpeg's HLS demuxer accepts, so only the whitelist stands in the way.
    const real = join(dir, 'segment.mp3');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=300:duration=1', real]);
    const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n${real}\n#EXT-X-ENDLIST\n`;
    for (const name of ['evil.m3u8', 'evil.mp3']) {
      const path = join(dir, name);
      await writeFile(path, playlist);
      const err = await decodeAudioFile(path).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(FfmpegError);
      expect((err as FfmpegError).detail, name).toMatch(/Format not on whitelist/);
    }
    // The same playlist decodes when a caller allows hls: the refusal is the whitelist's doing.
    const allowed = await decodeAudioFile(join(dir, 'evil.m3u8'), { allowedFormats: ['hls', 'mp3'] });
    expect(allowed.channels[0].length).toBeGreaterThan(40_000);
  });
});
