import { resolveFfmpeg } from './binaries.ts';
import { type RunFfmpegOptions, spawnTool } from './restricted.ts';

/**
 * Runs FFmpeg with `args` (which must build their inputs with `localInputArgs`) and resolves with
 * stdout when asked. Rejects with FfmpegError on a non-zero exit; the AbortSignal kills the process.
 * Without `ffmpegPath`, the binary resolveFfmpeg chose.
 */
export async function runFfmpeg(args: readonly string[], options: RunFfmpegOptions = {}): Promise<Buffer> {
  const command = options.ffmpegPath ?? (await resolveFfmpeg()).ffmpeg.path;
  return spawnTool(command, ['-nostdin', '-hide_banner', '-v', 'error', ...args], options);
}

/** Runs ffprobe the same way (stdout captured). */
export async function runFfprobe(
  args: readonly string[],
  options: RunFfmpegOptions & { ffprobePath?: string } = {},
): Promise<Buffer> {
  const command = options.ffprobePath ?? (await resolveFfmpeg()).ffprobe.path;
  return spawnTool(command, ['-hide_banner', '-v', 'error', ...args], { ...options, captureStdout: true });
}
