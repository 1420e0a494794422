import { dbToGain } from '@autoalex/audio';

/** The limiter's ceiling: −1 dBFS, headroom for the MP3 encoder's overshoot. */
export const LIMIT = 10 ** (-1 / 20);

/**
 * The FFmpeg filter graph of a remix: input 0 is the mix, input 1 the separated stem, both 44.1 kHz
 * stereo float. out = mix + (gain − 1)·stem — `volume` scales the stem by (gain − 1), `amix` sums
 * WITHOUT normalisation (normalize=0, so 1·mix + 1·scaled stem), and `alimiter` (no auto-level,
 * delay compensated) only catches peaks over LIMIT, so a remix never clips.
 */
export function remixFilterGraph(gainDb: number): string {
  if (!Number.isFinite(gainDb)) throw new RangeError('gain must be a finite number of dB');
  const factor = dbToGain(gainDb) - 1;
  return [
    `[1:a]volume=volume=${factor.toPrecision(9)}:precision=float[stem]`,
    '[0:a][stem]amix=inputs=2:duration=first:dropout_transition=0:normalize=0',
    `alimiter=limit=${LIMIT.toPrecision(6)}:level=disabled:latency=enabled:attack=5:release=50[out]`,
  ]
    .join(';')
    .replace(';alimiter', ',alimiter');
}
