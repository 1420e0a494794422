import { SAMPLE_RATE } from '../dsp/constants.ts';
import { FfmpegError, localInputArgs, type RunFfmpegOptions } from './restricted.ts';
import { runFfmpeg } from './run.ts';

export interface DecodeOptions extends Pick<RunFfmpegOptions, 'ffmpegPath' | 'signal'> {
  /** Demuxers allowed for the input (default AUDIO_DEMUXERS: audio files, no playlists). */
  readonly allowedFormats?: readonly string[];
}

export interface DecodedAudio {
  readonly sampleRate: number;
  /** Channels of the source (before any up/down-mix). */
  readonly sourceChannels: number;
  /** Planar stereo: mono duplicated, more than two channels keep the first two (as demucs). */
  readonly channels: [Float32Array, Float32Array];
}

/**
 * Decodes the first audio stream of a local file with FFmpeg to 32-bit float at 44.1 kHz, through
 * the same restricted runner as every FFmpeg call here (local files only, audio demuxers only). FFmpeg
 * keeps the source's channels (a WAV header on stdout says how many); the stereo choice is demucs's,
 * not FFmpeg's down-mix.
 */
export async function decodeAudioFile(path: string, options: DecodeOptions = {}): Promise<DecodedAudio> {
  let wav: Buffer;
  try {
    wav = await runFfmpeg(
      [
        ...localInputArgs({ path, allowedFormats: options.allowedFormats }),
        '-map',
        '0:a:0',
        '-vn',
        '-sn',
        '-dn',
        '-ar',
        String(SAMPLE_RATE),
        '-c:a',
        'pcm_f32le',
        '-f',
        'wav',
        'pipe:1',
      ],
      { ffmpegPath: options.ffmpegPath, signal: options.signal, captureStdout: true },
    );
  } catch (err) {
    if (!(err instanceof FfmpegError)) throw err;
    throw new FfmpegError(
      `FFmpeg could not decode ${path} (exit ${err.exitCode}): ${err.detail || 'no message'}`,
      err.exitCode,
      err.detail,
      { cause: err },
    );
  }
  return parseFloatWav(wav);
}

/** Reads FFmpeg's streamed float WAV: fmt chunk for the channel count, samples to the end. */
export function parseFloatWav(buf: Buffer): DecodedAudio {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('FFmpeg output is not a WAV stream');
  }
  let pos = 12;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    if (id === 'fmt ') {
      channels = buf.readUInt16LE(pos + 10);
      sampleRate = buf.readUInt32LE(pos + 12);
      bits = buf.readUInt16LE(pos + 22);
    } else if (id === 'data') {
      if (channels < 1 || bits !== 32) throw new Error(`unexpected WAV format: ${channels} channels, ${bits} bits`);
      // Streamed WAV headers cannot say the data size: read to the end, whole frames only.
      const start = pos + 8;
      const frames = Math.floor((buf.length - start) / (4 * channels));
      // Copy into an aligned array (little-endian host, as every supported platform is).
      const samples = new Float32Array(frames * channels);
      new Uint8Array(samples.buffer).set(buf.subarray(start, start + samples.byteLength));
      const planar = Array.from({ length: Math.min(channels, 2) }, (_, c) => {
        const ch = new Float32Array(frames);
        for (let i = 0; i < frames; i++) ch[i] = samples[i * channels + c]!;
        return ch;
      });
      const left = planar[0]!;
      return { sampleRate, sourceChannels: channels, channels: [left, planar[1] ?? left.slice()] };
    }
    pos += 8 + size + (size % 2);
  }
  throw new Error('FFmpeg output has no audio data');
}
