import { SAMPLE_RATE } from '../dsp/constants.ts';
import { SeparationError } from '../errors.ts';

/** Decoded audio at 44.1 kHz: planar channels, or interleaved frames with a channel count. */
export type AudioInput =
  | { readonly sampleRate: number; readonly channels: readonly Float32Array[] }
  | { readonly sampleRate: number; readonly interleaved: Float32Array; readonly channelCount: number };

/** At least 0.1 s: shorter clips are almost certainly a decoding mistake. */
export const MIN_SAMPLES = SAMPLE_RATE / 10;

/**
 * Copies the input into two planar channels as demucs does: mono is duplicated, more than two
 * channels keep the first two. Rejects wrong rates, empty or ragged input and non-finite samples.
 */
export function toPlanarStereo(input: AudioInput, minSamples = MIN_SAMPLES): [Float32Array, Float32Array] {
  if (input.sampleRate !== SAMPLE_RATE) {
    throw new SeparationError(
      'AUDIO_INVALID',
      `audio is at ${input.sampleRate} Hz; the separator needs ${SAMPLE_RATE} Hz (decode with decodeAudioFile, which resamples)`,
    );
  }
  let planar: Float32Array[];
  if ('interleaved' in input) {
    const cc = input.channelCount;
    if (!Number.isInteger(cc) || cc < 1) throw new SeparationError('AUDIO_INVALID', `bad channel count ${cc}`);
    if (input.interleaved.length % cc !== 0) {
      throw new SeparationError(
        'AUDIO_INVALID',
        `interleaved length ${input.interleaved.length} is not a multiple of ${cc}`,
      );
    }
    const frames = input.interleaved.length / cc;
    const keep = Math.min(cc, 2);
    planar = Array.from({ length: keep }, (_, c) => {
      const out = new Float32Array(frames);
      for (let i = 0; i < frames; i++) out[i] = input.interleaved[i * cc + c]!;
      return out;
    });
  } else {
    if (input.channels.length === 0) throw new SeparationError('AUDIO_INVALID', 'audio has no channels');
    planar = input.channels.slice(0, 2).map((ch) => ch.slice());
  }
  const length = planar[0]!.length;
  if (planar.some((ch) => ch.length !== length)) {
    throw new SeparationError('AUDIO_INVALID', 'audio channels have different lengths');
  }
  if (length < minSamples) {
    throw new SeparationError(
      'AUDIO_TOO_SHORT',
      `audio is ${length} samples (${(length / SAMPLE_RATE).toFixed(3)} s); separation needs at least ${minSamples} samples (${minSamples / SAMPLE_RATE} s)`,
    );
  }
  planar.forEach((ch, c) => {
    for (let i = 0; i < ch.length; i++) {
      if (!Number.isFinite(ch[i]!)) {
        throw new SeparationError('AUDIO_INVALID', `audio channel ${c} has a non-finite sample at index ${i}`);
      }
    }
  });
  const [left, right] = planar;
  return [left!, right ?? left!.slice()];
}
