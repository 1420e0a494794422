import { spawn } from 'node:child_process';

// FFmpeg and ffprobe restricted to local files: every input gets `-protocol_whitelist file,pipe`
// (no http, tcp, rtmp, …, so a hostile file cannot make FFmpeg fetch anything) and a demuxer
// whitelist (no hls, concat or other playlist formats that open further files).

/** Protocols FFmpeg may use for an input: local files and pipes only. */
export const LOCAL_PROTOCOLS = 'file,pipe';

/**
 * Demuxers of audio files people keep in a music library. Playlist-like demuxers (hls, concat,
 * ffconcat, image sequences, lavfi) are deliberately absent. `mov,mp4,…` and `matroska,webm` are
 * single demuxers whose names contain commas; FFmpeg matches them as written.
 */
export const AUDIO_DEMUXERS = [
  'mp3',
  'flac',
  'wav',
  'w64',
  'aiff',
  'ogg',
  'mov,mp4,m4a,3gp,3g2,mj2',
  'matroska,webm',
  'aac',
  'ac3',
  'eac3',
  'wv',
  'ape',
  'asf',
  'dsf',
  'tta',
  'caf',
  'mpc',
  'mpc8',
] as const;

export interface LocalInput {
  readonly path: string;
  /** Force this demuxer (`-f`), e.g. `f32le`; it is also the only one allowed. */
  readonly format?: string;
  /** Demuxers allowed when `format` is not forced (default AUDIO_DEMUXERS). */
  readonly allowedFormats?: readonly string[];
  /** Options placed before `-i` (e.g. `['-ar', '44100', '-ac', '2']` for raw PCM). */
  readonly options?: readonly string[];
}

/** The arguments for one restricted input: whitelists, options, then `-i path`. */
export function localInputArgs(input: LocalInput): string[] {
  const formats = input.format ? [input.format] : (input.allowedFormats ?? AUDIO_DEMUXERS);
  return [
    '-protocol_whitelist',
    LOCAL_PROTOCOLS,
    '-format_whitelist',
    formats.join(','),
    ...(input.format ? ['-f', input.format] : []),
    ...(input.options ?? []),
    '-i',
    // A bare path that looks like a URL or an option must still be read as a file.
    input.path.startsWith('/') ? input.path : `file:${input.path}`,
  ];
}

export interface RunFfmpegOptions {
  readonly ffmpegPath?: string;
  readonly signal?: AbortSignal;
  /** Keep stdout (ffprobe's JSON); default false. */
  readonly captureStdout?: boolean;
}

/** FFmpeg (or ffprobe) exited with an error: `code` is its exit status, `detail` its last stderr lines. */
export class FfmpegError extends Error {
  readonly exitCode: number | null;
  readonly detail: string;
  constructor(message: string, exitCode: number | null, detail: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FfmpegError';
    this.exitCode = exitCode;
    this.detail = detail;
  }
}

/**
 * The one place in this package that starts a process: `command` with `args` as given (runFfmpeg and
 * runFfprobe add the fences; the binary check asks only for listings). Resolves with stdout when asked;
 * rejects with FfmpegError on a non-zero exit; the AbortSignal kills the process.
 */
export async function spawnTool(command: string, args: readonly string[], options: RunFfmpegOptions): Promise<Buffer> {
  options.signal?.throwIfAborted();
  const child = spawn(command, args, {
    stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe'],
    signal: options.signal,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let errBytes = 0;
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => {
    // Keep the tail only: a broken file can make FFmpeg print one line per frame.
    err.push(b);
    errBytes += b.length;
    while (errBytes > 64 * 1024 && err.length > 1) errBytes -= err.shift()!.length;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') return reject(e);
      const missing: NodeJS.ErrnoException = new Error(
        `${command} not found; install FFmpeg 5.0 or later, or run pnpm install for the packaged one`,
      );
      missing.code = 'ENOENT';
      reject(missing);
    });
    child.once('close', resolve);
  });
  if (code !== 0) {
    const detail = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-3).join(' | ');
    throw new FfmpegError(`${command} failed (exit ${code}): ${detail || 'no message'}`, code, detail);
  }
  return Buffer.concat(out);
}
