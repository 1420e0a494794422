import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeToStereoFloatFile,
  FfmpegError,
  localInputArgs,
  probeAudioFile,
  readStereoFloatFile,
  writeFloatWav,
} from '../src/index.ts';
import { ffmpeg, ffmpegFloats } from './helpers/ffmpeg.ts';

// FFmpeg fenced in (local files, audio demuxers only), probe, decode to disk and the float WAV writer.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audio-ffmpeg-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('localInputArgs', () => {
  it('puts the whitelists before every input and reads odd names as files', () => {
    expect(localInputArgs({ path: '/tmp/x/mix.f32', format: 'f32le', options: ['-ar', '44100'] })).toEqual([
      '-protocol_whitelist',
      'file,pipe',
      '-format_whitelist',
      'f32le',
      '-f',
      'f32le',
      '-ar',
      '44100',
      '-i',
      '/tmp/x/mix.f32',
    ]);
    const args = localInputArgs({ path: 'http://example.com/a.mp3' });
    expect(args.at(-1)).toBe('file:http://example.com/a.mp3');
    expect(args[3]).toContain('mov,mp4,m4a,3gp,3g2,mj2');
    expect(args[3]).not.toMatch(/hls|concat|image2/);
  });
});

describe('one way to run FFmpeg', () => {
  it('only ffmpeg/restricted.ts starts processes in packages/audio/src (besides the separator forking its own Node process)', async () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const spawning: string[] = [];
    for (const file of await readdir(src, { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      if (/node:child_process|from 'child_process'/.test(await readFile(join(src, file), 'utf8'))) spawning.push(file);
    }
    const separator = join('separator', 'process-host.ts');
    expect(spawning.sort()).toEqual([join('ffmpeg', 'restricted.ts'), separator].sort());
    // The separator (ADR 0227) only forks its child.ts; it runs no other program.
    const host = await readFile(join(src, separator), 'utf8');
    expect(host).toMatch(/import \{ fork \} from 'node:child_process'/);
    expect(host).not.toMatch(/\b(spawn|exec|execFile)(Sync)?\(/);
  });
});

describe('restricted FFmpeg', () => {
  it('probes an audio file: format, duration, stream, tags', async () => {
    const file = join(dir, 'tagged.flac');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=1.5:sample_rate=48000', '-metadata', 'TITLE=Blue in Green', file]);
    const probe = await probeAudioFile(file);
    expect(probe).toMatchObject({
      format: 'flac',
      audio: { codec: 'flac', sampleRate: 48_000, channels: 1 },
      tags: { title: 'Blue in Green' },
    });
    expect(probe.durationSeconds).toBeCloseTo(1.5, 2);
  });

  it('refuses a playlist that would open other files, and anything that is not audio', async () => {
    const evil = join(dir, 'evil.mp3');
    await writeFile(
      evil,
      `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n${join(dir, 'tagged.flac')}\n#EXT-X-ENDLIST\n`,
    );
    const err = await probeAudioFile(evil).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FfmpegError);
    // FFmpeg before 6 says the whitelist refused hls or the data is invalid; later builds also refuse
    // HLS under a non-HLS name themselves and the mp3 demuxer then gives up with "Invalid argument".
    expect((err as FfmpegError).detail).toMatch(/not on whitelist|Invalid data|Invalid argument/);
  });

  it('decodes to stereo float at 44.1 kHz, a mono source duplicated at the same level', async () => {
    const mono = join(dir, 'mono.wav');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=441:duration=1:sample_rate=22050', mono]);
    const out = join(dir, 'mono.f32');
    await decodeToStereoFloatFile(mono, out, { sourceChannels: 1 });
    const samples = await readStereoFloatFile(out);
    expect(samples.length).toBe(2 * 44_100);
    let peakL = 0;
    let diff = 0;
    for (let i = 0; i < samples.length; i += 2) {
      peakL = Math.max(peakL, Math.abs(samples[i]!));
      diff = Math.max(diff, Math.abs(samples[i]! - samples[i + 1]!));
    }
    expect(diff).toBe(0);
    expect(peakL).toBeGreaterThan(0.12); // lavfi's sine is 1/8; FFmpeg's own up-mix would give 1/8 · 0.707
    expect(peakL).toBeLessThan(0.13);
  });

  it('stops decoding at maxSeconds', async () => {
    const long = join(dir, 'long.wav');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=5', '-ac', '2', long]);
    const out = join(dir, 'long.f32');
    await decodeToStereoFloatFile(long, out, { sourceChannels: 2, maxSeconds: 2 });
    expect((await readStereoFloatFile(out)).length).toBe(2 * 2 * 44_100);
  });

  it('writes float WAVs that FFmpeg reads back exactly, values over full scale included', async () => {
    const left = Float32Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 10) * 1.5);
    const right = Float32Array.from({ length: 100_000 }, (_, i) => (i % 7) / 7 - 0.5);
    const path = join(dir, 'stem.wav');
    const bytes = await writeFloatWav(path, [left, right]);
    expect(bytes).toBe((await readFile(path)).length);
    const raw = ffmpegFloats(path);
    const back = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    expect(back.length).toBe(200_000);
    for (let i = 0; i < 100_000; i += 997) {
      expect(back[2 * i]).toBe(left[i]);
      expect(back[2 * i + 1]).toBe(right[i]);
    }
  });
});
