import { BINS, frameCount, HOP, N_FFT, PAD_LEFT, WINDOW_SQUARE_SUM } from './constants.ts';
import { createRealFft } from './fft.ts';
import { hannPeriodic } from './window.ts';

/**
 * The HTDemucs inverse STFT of one channel: Z_t[k] for k < 2048 from the spectrogram, Z_t[2048] = 0,
 * y_t = irfft(Z_t)·64, overlap-add w·y_t at 1024t, then out[n] = acc[1536 + n] / 1.5 for n < L.
 * The first and last ~1.5k samples are deliberately not a perfect inverse (fewer than four frames
 * overlap there), exactly as torch.istft inside demucs.
 */
export interface Istft {
  readonly length: number;
  readonly frames: number;
  /**
   * Reads Re from `spec[reOffset + k·T + t]` and Im from `spec[imOffset + k·T + t]` (the model's
   * [.., 2048, T] planes) and writes `length` samples into `out` from `outOffset`.
   */
  inverse(spec: Float32Array, reOffset: number, imOffset: number, out: Float32Array, outOffset?: number): void;
}

export function createIstft(length: number): Istft {
  const frames = frameCount(length);
  const window = hannPeriodic(N_FFT);
  // 64 (the 1/√n normalisation undone) and 1/1.5 folded into the synthesis window.
  const synthesis = new Float64Array(N_FFT);
  const gain = Math.sqrt(N_FFT) / WINDOW_SQUARE_SUM;
  for (let n = 0; n < N_FFT; n++) synthesis[n] = window[n]! * gain;
  const fft = createRealFft(N_FFT);
  const re = new Float64Array(N_FFT / 2 + 1);
  const im = new Float64Array(N_FFT / 2 + 1);
  const frame = new Float64Array(N_FFT);
  const acc = new Float64Array((frames - 1) * HOP + N_FFT);

  function inverse(spec: Float32Array, reOffset: number, imOffset: number, out: Float32Array, outOffset = 0): void {
    if (reOffset + BINS * frames > spec.length || imOffset + BINS * frames > spec.length) {
      throw new RangeError('iSTFT: spectrogram plane out of range');
    }
    if (outOffset + length > out.length) throw new RangeError('iSTFT: output out of range');
    acc.fill(0);
    re[BINS] = 0;
    im[BINS] = 0;
    for (let t = 0; t < frames; t++) {
      for (let k = 0; k < BINS; k++) {
        re[k] = spec[reOffset + k * frames + t]!;
        im[k] = spec[imOffset + k * frames + t]!;
      }
      fft.inverse(re, im, frame);
      const start = t * HOP;
      for (let n = 0; n < N_FFT; n++) acc[start + n] = acc[start + n]! + synthesis[n]! * frame[n]!;
    }
    for (let n = 0; n < length; n++) out[outOffset + n] = acc[PAD_LEFT + n]!;
  }

  return { length, frames, inverse };
}
