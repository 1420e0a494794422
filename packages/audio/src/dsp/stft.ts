import { BINS, frameCount, HOP, N_FFT, PAD_LEFT, padRight } from './constants.ts';
import { createRealFft } from './fft.ts';
import { hannPeriodic } from './window.ts';

/**
 * The HTDemucs STFT of one segment: per channel, reflect-pad 1536 left and `padRight(L)` right,
 * frame t = padded[1024t, +4096)·w, rfft, bins 0..2047, scaled by 1/64. The result uses the
 * model's complex-as-channels layout [2C, 2048, T]: channel 2c = Re, 2c+1 = Im of input channel c.
 */
export interface Stft {
  readonly length: number;
  readonly frames: number;
  /** `mix` holds C planar channels of `length` samples; `out` gets 2C·2048·T values. */
  forward(mix: Float32Array, out: Float32Array): void;
}

export function createStft(length: number): Stft {
  const frames = frameCount(length);
  const right = padRight(length);
  if (length <= Math.max(PAD_LEFT, right)) {
    throw new RangeError(`STFT segment must be longer than its reflect padding (${PAD_LEFT}, ${right})`);
  }
  const padded = new Float64Array(PAD_LEFT + length + right);
  const window = hannPeriodic(N_FFT);
  const fft = createRealFft(N_FFT);
  const frame = new Float64Array(N_FFT);
  const re = new Float64Array(N_FFT / 2 + 1);
  const im = new Float64Array(N_FFT / 2 + 1);
  const scale = 1 / Math.sqrt(N_FFT);
  const plane = BINS * frames;

  function forward(mix: Float32Array, out: Float32Array): void {
    const channels = mix.length / length;
    if (!Number.isInteger(channels) || out.length !== 2 * channels * plane) {
      throw new RangeError(`STFT: expected C·${length} input and 2C·${plane} output values`);
    }
    for (let c = 0; c < channels; c++) {
      const base = c * length;
      // Reflect padding: the edge sample is not repeated.
      for (let i = 0; i < PAD_LEFT; i++) padded[i] = mix[base + PAD_LEFT - i]!;
      for (let i = 0; i < length; i++) padded[PAD_LEFT + i] = mix[base + i]!;
      for (let j = 0; j < right; j++) padded[PAD_LEFT + length + j] = mix[base + length - 2 - j]!;
      const reBase = 2 * c * plane;
      const imBase = reBase + plane;
      for (let t = 0; t < frames; t++) {
        const start = t * HOP;
        for (let n = 0; n < N_FFT; n++) frame[n] = padded[start + n]! * window[n]!;
        fft.forward(frame, re, im);
        for (let k = 0; k < BINS; k++) {
          out[reBase + k * frames + t] = re[k]! * scale;
          out[imBase + k * frames + t] = im[k]! * scale;
        }
      }
    }
  }

  return { length, frames, forward };
}
