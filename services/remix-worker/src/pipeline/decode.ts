import { join } from 'node:path';
import {
  type AudioProbe,
  decodeToStereoFloatFile,
  FfmpegError,
  MIN_SAMPLES,
  probeAudioFile,
  readStereoFloatFile,
  SAMPLE_RATE,
} from '@autoalex/audio';
import { RemixError } from '../remix/errors.ts';

export interface DecodedTrack {
  /** Interleaved stereo float32 at 44.1 kHz (raw f32le): the mix the remix starts from. */
  readonly mixPath: string;
  /** The same samples, in memory (for the separator). */
  readonly samples: Float32Array;
  readonly frames: number;
  readonly seconds: number;
  readonly probe: AudioProbe;
}

export interface DecodeTrackOptions {
  readonly maxSeconds: number;
  readonly signal?: AbortSignal | undefined;
  readonly ffmpegPath?: string | undefined;
  readonly ffprobePath?: string | undefined;
}

/** Below this peak (about −100 dBFS) a track counts as silent: nothing to separate. */
export const SILENCE_PEAK = 1e-5;

/** Containers whose header states the exact length, so a shorter decode means a cut-off file. */
const EXACT_LENGTH_FORMATS = new Set(['wav', 'w64', 'aiff', 'flac', 'mov,mp4,m4a,3gp,3g2,mj2', 'caf']);

function ffmpegOptionsOf(options: DecodeTrackOptions) {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.ffmpegPath ? { ffmpegPath: options.ffmpegPath } : {}),
    ...(options.ffprobePath ? { ffprobePath: options.ffprobePath } : {}),
  };
}

/**
 * What the header says, refusing early what cannot be remixed: not audio (ffprobe cannot read it,
 * or no audio stream) and too long by the header's duration.
 */
export async function probeTrack(sourcePath: string, options: DecodeTrackOptions): Promise<AudioProbe> {
  let probe: AudioProbe;
  try {
    probe = await probeAudioFile(sourcePath, ffmpegOptionsOf(options));
  } catch (err) {
    if (err instanceof FfmpegError) {
      throw new RemixError('NOT_AUDIO', `this is not an audio file I can read (${clean(err.detail, sourcePath)})`, {
        cause: err,
      });
    }
    throw err;
  }
  if (!probe.audio) {
    throw new RemixError('NOT_AUDIO', `the file has no audio in it (it is ${describeFormat(probe.format)})`);
  }
  if (probe.durationSeconds !== undefined && probe.durationSeconds > options.maxSeconds) {
    throw tooLong(probe.durationSeconds, options.maxSeconds);
  }
  return probe;
}

/**
 * Probes (unless `probe` is given, from probeTrack) and decodes a local file (in our temp folder)
 * to 44.1 kHz stereo float, refusing with a RemixError what cannot be remixed: not audio, corrupt,
 * cut off, too long, too short, silent. Mono is duplicated and odd sample rates are resampled.
 */
export async function decodeTrack(
  sourcePath: string,
  workDir: string,
  options: DecodeTrackOptions & { readonly probe?: AudioProbe | undefined },
): Promise<DecodedTrack> {
  const { maxSeconds } = options;
  const ffmpegOptions = ffmpegOptionsOf(options);
  const probe = options.probe ?? (await probeTrack(sourcePath, options));
  const audio = probe.audio;
  if (!audio) throw new RemixError('NOT_AUDIO', 'the file has no audio in it');

  const mixPath = join(workDir, 'mix.f32');
  try {
    await decodeToStereoFloatFile(sourcePath, mixPath, {
      ...ffmpegOptions,
      sourceChannels: audio.channels ?? 2,
      maxSeconds: maxSeconds + 1,
    });
  } catch (err) {
    if (err instanceof FfmpegError) {
      throw new RemixError('CORRUPT', `the audio could not be decoded (${clean(err.detail, sourcePath)})`, {
        cause: err,
      });
    }
    throw err;
  }
  const samples = await readStereoFloatFile(mixPath);
  const frames = samples.length / 2;
  const seconds = frames / SAMPLE_RATE;
  if (frames === 0) throw new RemixError('CORRUPT', 'no audio could be decoded from the file');
  if (seconds > maxSeconds) throw tooLong(seconds, maxSeconds);
  if (frames < MIN_SAMPLES) {
    throw new RemixError('TOO_SHORT', `the audio is only ${seconds.toFixed(2)} s long; a remix needs at least 0.1 s`);
  }
  const header = probe.durationSeconds;
  if (header !== undefined && EXACT_LENGTH_FORMATS.has(probe.format) && seconds < header * 0.9 - 1) {
    throw new RemixError(
      'TRUNCATED',
      `the file is cut short: it says it is ${clock(header)} long, but only ${clock(seconds)} of audio is there`,
    );
  }
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = Math.abs(samples[i]!);
    if (!(v <= Number.MAX_VALUE)) throw new RemixError('CORRUPT', 'the audio contains invalid (non-finite) samples');
    if (v > peak) peak = v;
  }
  if (peak < SILENCE_PEAK) throw new RemixError('SILENT', 'the track is silent: there is nothing to separate');
  return { mixPath, samples, frames, seconds, probe };
}

export function tooLong(seconds: number, maxSeconds: number): RemixError {
  return new RemixError(
    'TOO_LONG',
    `the track is ${clock(seconds)} long; remixes are limited to ${clock(maxSeconds)} here (REMIX_MAX_SECONDS)`,
  );
}

/** 245 → "4:05". */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

function describeFormat(format: string): string {
  return `a ${format.split(',')[0]} file`;
}

/** FFmpeg's words without our temp path, shortened. */
function clean(detail: string, path: string): string {
  const text = detail.replaceAll(`file:${path}`, 'the file').replaceAll(path, 'the file').trim();
  const short = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  return `FFmpeg: ${short || 'no details'}`;
}
