import { execFileSync } from 'node:child_process';
import { resolveFfmpeg } from '../../src/index.ts';

// The ffmpeg the package itself runs (the system's when recent enough, else the packaged one). When
// neither will do, importing this fails the test file with the resolver's message: loud, not skipped.
export const binaries = await resolveFfmpeg();

export function ffmpeg(args: string[]): void {
  execFileSync(binaries.ffmpeg.path, ['-nostdin', '-v', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Any file to interleaved float32 (FFmpeg's own decode, to compare ours with). */
export function ffmpegFloats(path: string): Buffer {
  return execFileSync(binaries.ffmpeg.path, ['-v', 'error', '-i', path, '-f', 'f32le', '-c:a', 'pcm_f32le', 'pipe:1']);
}
