import { readFile } from 'node:fs/promises';
import { SAMPLE_RATE } from '../dsp/constants.ts';
import { localInputArgs, type RunFfmpegOptions } from './restricted.ts';
import { runFfmpeg } from './run.ts';

export interface DecodeToFileOptions extends RunFfmpegOptions {
  /** Channels of the source (from probeAudioFile): 1 is duplicated, more than 2 keep the first two. */
  readonly sourceChannels: number;
  /** Stop decoding after this many seconds (the caller refuses longer input). */
  readonly maxSeconds?: number;
  readonly allowedFormats?: readonly string[];
}

/**
 * Decodes the first audio stream of a local file to interleaved stereo float32 at 44.1 kHz in `out`
 * (raw `f32le`, which FFmpeg reads back with `-f f32le -ar 44100 -ac 2`). The stereo choice is
 * demucs's (mono duplicated at the same level, first two of more channels), not FFmpeg's down-mix.
 */
export async function decodeToStereoFloatFile(path: string, out: string, options: DecodeToFileOptions): Promise<void> {
  const pan = options.sourceChannels === 1 ? 'pan=stereo|c0=c0|c1=c0' : 'pan=stereo|c0=c0|c1=c1';
  await runFfmpeg(
    [
      ...localInputArgs({ path, allowedFormats: options.allowedFormats }),
      '-map',
      '0:a:0',
      '-vn',
      '-sn',
      '-dn',
      '-af',
      `${pan},aresample=${SAMPLE_RATE}`,
      ...(options.maxSeconds !== undefined ? ['-t', String(options.maxSeconds)] : []),
      '-c:a',
      'pcm_f32le',
      '-f',
      'f32le',
      '-y',
      out,
    ],
    options,
  );
}

/** Reads an interleaved stereo float32 file as written by decodeToStereoFloatFile. */
export async function readStereoFloatFile(path: string): Promise<Float32Array> {
  const buf = await readFile(path);
  const frames = Math.floor(buf.length / 8);
  if (buf.byteOffset % 4 === 0) return new Float32Array(buf.buffer, buf.byteOffset, frames * 2);
  const copy = new Float32Array(frames * 2);
  new Uint8Array(copy.buffer).set(buf.subarray(0, frames * 8));
  return copy;
}
