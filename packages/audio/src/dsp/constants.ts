/** HTDemucs v4 (htdemucs_ft) constants; see docs/demucs.md in the shared docs. */
export const SAMPLE_RATE = 44_100;
/** One model call covers 7.8 s: int(7.8 · 44100). */
export const SEGMENT_LENGTH = 343_980;
export const N_FFT = 4096;
export const HOP = 1024;
/** Frequency bins given to the model (the Nyquist bin is dropped). */
export const BINS = N_FFT / 2;
/** Reflect padding on the left of a segment before framing: hop/2·3. */
export const PAD_LEFT = (HOP / 2) * 3;
/** Σ w² over the four frames that overlap any sample (periodic Hann, hop n/4). */
export const WINDOW_SQUARE_SUM = 1.5;
/** Overlap between consecutive segments of a track. */
export const OVERLAP = 0.25;
/** Random shift range: int(0.5 · sample rate). */
export const MAX_SHIFT = 22_050;

/** Frames of a segment of `length` samples: ceil(length / hop) (336 for the contract length). */
export function frameCount(length: number): number {
  return Math.ceil(length / HOP);
}

/** Reflect padding on the right: pad + frames·hop − length (1620 for the contract length). */
export function padRight(length: number): number {
  return PAD_LEFT + frameCount(length) * HOP - length;
}
