import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveFfmpeg } from '@autoalex/audio';
import { writeFakeDemucsModel } from '@autoalex/audio/testing';
import { STEMS } from '@autoalex/terms/remix';

/**
 * What the remix-worker needs in a chaos case (`startChaosSuite({ remix })` makes one): test-made Demucs models (each stem half the mix) in
 * `models`, a data folder, and an MP3 of `seconds` for the fake Plex to serve as every track. A
 * longer track makes the separation last long enough to kill the worker in the middle of it.
 */
export interface RemixFixture {
  dir: string;
  /** Variables for the remix-worker. */
  env: Record<string, string>;
  audio: { bytes: Buffer; container: string };
  remove(): void;
}

export async function createRemixFixture(seconds: number): Promise<RemixFixture> {
  const binaries = await resolveFfmpeg();
  const dir = mkdtempSync(join(tmpdir(), 'autoalex-chaos-remix-'));
  mkdirSync(join(dir, 'models'));
  for (const [k, stem] of STEMS.entries()) {
    await writeFakeDemucsModel(join(dir, 'models', `htdemucs_ft.${stem}.onnx`), {
      waveGain: STEMS.map((_, s) => (s === k ? [0.5, 0.5] : [7, -7])),
    });
  }
  const mp3 = join(dir, 'track.mp3');
  const tone = (hz: number) => ['-f', 'lavfi', '-i', `sine=frequency=${hz}:duration=${seconds}`];
  execFileSync(binaries.ffmpeg.path, [
    ...['-nostdin', '-v', 'error', '-y', ...tone(220), ...tone(330)],
    ...['-filter_complex', '[0][1]join=inputs=2:channel_layout=stereo', '-c:a', 'libmp3lame', '-b:a', '192k', mp3],
  ]);
  return {
    dir,
    env: { DATA_DIR: join(dir, 'data'), DEMUCS_MODEL_DIR: join(dir, 'models'), REMIX_THREADS: '1' },
    audio: { bytes: readFileSync(mp3), container: 'mp3' },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
