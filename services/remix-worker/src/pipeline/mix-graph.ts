import { dbToGain, SAMPLE_RATE } from '@autoalex/audio';

/** The limiter's ceiling: −1 dBFS, headroom for the MP3 encoder's overshoot. */
export const LIMIT = 10 ** (-1 / 20);

export interface RemixGraphOptions {
  /**
   * Input 0 is the source file itself (a stem cache hit: nothing was decoded ahead), with this many
   * channels: the graph decodes it exactly as decodeToStereoFloatFile does (see sourceToMixChain).
   * Left out, input 0 is the already decoded 44.1 kHz stereo float mix.
   */
  readonly sourceChannels?: number | undefined;
}

/**
 * The chain that turns input 0's first audio stream into the mix the stem was separated from:
 * demucs's channel rule (mono duplicated at the same level, the first two of more) and 44.1 kHz,
 * the same filters as decodeToStereoFloatFile, then pinned to float stereo. The samples are
 * bit-identical to that decode (test/pipeline.test.ts compares the MP3s byte for byte).
 */
export function sourceToMixChain(sourceChannels: number): string {
  const pan = sourceChannels === 1 ? 'pan=stereo|c0=c0|c1=c0' : 'pan=stereo|c0=c0|c1=c1';
  return `[0:a:0]${pan},aresample=${SAMPLE_RATE},aformat=sample_fmts=flt:channel_layouts=stereo[mix]`;
}

/**
 * The FFmpeg filter graph of a remix: input 0 is the mix, input 1 the separated stem, both 44.1 kHz
 * stereo float. out = mix + (gain − 1)·stem — `volume` scales the stem by (gain − 1), `amix` sums
 * WITHOUT normalisation (normalize=0, so 1·mix + 1·scaled stem), and `alimiter` (no auto-level,
 * delay compensated) only catches peaks over LIMIT, so a remix never clips.
 */
export function remixFilterGraph(gainDb: number, options: RemixGraphOptions = {}): string {
  if (!Number.isFinite(gainDb)) throw new RangeError('gain must be a finite number of dB');
  const factor = dbToGain(gainDb) - 1;
  const fromSource = options.sourceChannels !== undefined;
  return [
    ...(fromSource ? [sourceToMixChain(options.sourceChannels ?? 2)] : []),
    `[1:a]volume=volume=${factor.toPrecision(9)}:precision=float[stem]`,
    `${fromSource ? '[mix]' : '[0:a]'}[stem]amix=inputs=2:duration=first:dropout_transition=0:normalize=0`,
    `alimiter=limit=${LIMIT.toPrecision(6)}:level=disabled:latency=enabled:attack=5:release=50[out]`,
  ]
    .join(';')
    .replace(';alimiter', ',alimiter');
}
