import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveFfmpeg, STEMS, type Stem } from '@autoalex/audio';
import { writeFakeDemucsModel } from '@autoalex/audio/testing';

// Test helpers: real FFmpeg and ffprobe, models written by the tests (closed-form fake HTDemucs).

/**
 * The ffmpeg and ffprobe the worker itself runs (the system's when recent enough, else the packaged
 * ones). When neither will do, importing this fails the test file with the resolver's message.
 */
export const binaries = await resolveFfmpeg();

export function ffmpeg(args: string[]): void {
  execFileSync(binaries.ffmpeg.path, ['-nostdin', '-v', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** A stereo test file from FFmpeg's lavfi: left and right sines (amplitude 1/8 each by default). */
export function makeTone(
  path: string,
  options: { seconds: number; left?: number; right?: number; rate?: number; mono?: boolean; volume?: number },
): void {
  const rate = options.rate ?? 44_100;
  const sine = (f: number) => `sine=frequency=${f}:duration=${options.seconds}:sample_rate=${rate}`;
  const volume = options.volume ?? 1;
  if (options.mono) {
    ffmpeg(['-f', 'lavfi', '-i', sine(options.left ?? 440), '-af', `volume=${volume}`, path]);
    return;
  }
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    sine(options.left ?? 440),
    '-f',
    'lavfi',
    '-i',
    sine(options.right ?? 660),
    '-filter_complex',
    `[0][1]join=inputs=2:channel_layout=stereo,volume=${volume}`,
    path,
  ]);
}

/**
 * Fake models whose stem is `gain[c]`·mix on channel c (time branch only), with garbage on the
 * other sources so using the wrong source shows.
 */
export async function writeModels(
  dir: string,
  gain: readonly [number, number] = [0.5, 0.5],
): Promise<Record<Stem, string>> {
  const paths = {} as Record<Stem, string>;
  for (const [k, stem] of STEMS.entries()) {
    paths[stem] = join(dir, `htdemucs_ft.${stem}.onnx`);
    await writeFakeDemucsModel(paths[stem], { waveGain: STEMS.map((_, s) => (s === k ? gain : [7, -7])) });
  }
  return paths;
}

export interface Probe {
  format: { format_name: string; duration: string; bit_rate: string; tags?: Record<string, string> };
  streams: {
    codec_type: string;
    codec_name: string;
    sample_rate?: string;
    channels?: number;
    disposition?: Record<string, number>;
  }[];
}

export function ffprobe(path: string): Probe {
  const out = execFileSync(
    binaries.ffprobe.path,
    ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', path],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as Probe;
}

/** Decodes any file to interleaved stereo float32 at 44.1 kHz. */
export function decodeToFloats(path: string): Float32Array {
  const out = execFileSync(
    binaries.ffmpeg.path,
    ['-nostdin', '-v', 'error', '-i', path, '-ac', '2', '-ar', '44100', '-f', 'f32le', '-c:a', 'pcm_f32le', 'pipe:1'],
    { maxBuffer: 1 << 28 },
  );
  return new Float32Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
}

/** RMS of one channel of interleaved stereo, over [from, to) seconds. */
export function rms(samples: Float32Array, channel: 0 | 1, from = 0, to = Number.POSITIVE_INFINITY): number {
  const start = Math.floor(from * 44_100);
  const end = Math.min(samples.length / 2, Math.floor(to * 44_100));
  let sum = 0;
  for (let i = start; i < end; i++) sum += samples[2 * i + channel]! ** 2;
  return Math.sqrt(sum / Math.max(1, end - start));
}

export function peak(samples: Float32Array): number {
  let p = 0;
  for (const v of samples) p = Math.max(p, Math.abs(v));
  return p;
}

export const db = (ratio: number) => 20 * Math.log10(ratio);

export async function readBytes(path: string): Promise<Buffer> {
  return readFile(path);
}
