import { BINS, frameCount, N_FFT, OVERLAP, SEGMENT_LENGTH } from '../dsp/constants.ts';
import { createIstft } from '../dsp/istft.ts';
import { denormalize, mixStats, normalize } from '../dsp/normalize.ts';
import {
  type Chunk,
  createOverlapAdd,
  planChunks,
  readSegment,
  trackView,
  transitionWeights,
} from '../dsp/segments.ts';
import { type Random, randomShiftLead, seededRandom } from '../dsp/shift.ts';
import { createStft } from '../dsp/stft.ts';
import { type Stem, sourceIndex } from '../stems.ts';

/** Number of sources every htdemucs_ft model outputs (drums, bass, other, vocals). */
export const SOURCES = 4;
const CHANNELS = 2;

/** One model call's outputs: spec_out [4, 4, 2048, T] and wave_out [4, 2, L], flattened. */
export interface SegmentOutput {
  readonly specOut: Float32Array;
  readonly waveOut: Float32Array;
}

/** A loaded model: one call per segment (`mix` [2, L], `spec` [4, 2048, T]). */
export interface StemModel {
  run(mix: Float32Array, spec: Float32Array): Promise<SegmentOutput>;
  release(): Promise<void>;
}

export interface SeparationProgress {
  /** The stem whose model is running. */
  readonly stem: Stem;
  /** Segments done and in all, over every requested stem and shift. */
  readonly done: number;
  readonly total: number;
}

export interface SeparateTrackInput {
  /** Planar stereo at 44.1 kHz (not normalised). */
  readonly channels: readonly Float32Array[];
  /** Stems to produce, in source order (see orderStems). */
  readonly stems: readonly Stem[];
  /** Loads the model of one stem; called once per stem, one model at a time. */
  readonly loadModel: (stem: Stem) => Promise<StemModel>;
  /** Random-shift passes per stem (demucs CLI default 1; 0 = no shift, deterministic). */
  readonly shifts?: number;
  readonly overlap?: number;
  /** Seeds the shift RNG (per stem: seed and source index), for reproducible runs. */
  readonly seed?: number;
  /** Overrides the shift RNG of each stem (tests pin the shift with it). */
  readonly random?: (stem: Stem) => Random;
  readonly segmentLength?: number;
  readonly onProgress?: (progress: SeparationProgress) => void;
  /** Checked before every model load and segment; true stops with an AbortError. */
  readonly isCancelled?: () => boolean;
}

export type StemAudio = [Float32Array, Float32Array];

interface Pass {
  readonly lead: number;
  readonly chunks: Chunk[];
}

/**
 * The whole-track demucs procedure for htdemucs_ft: normalise with the mono mix, and for each
 * requested stem load only that stem's model, run every (shifted) segment, keep source k from
 * model k (y = wave_out[k] + iSTFT(spec_out[k])), overlap-add with triangular weights, undo the
 * shift and the normalisation.
 */
export async function separateTrack(input: SeparateTrackInput): Promise<Map<Stem, StemAudio>> {
  const segmentLength = input.segmentLength ?? SEGMENT_LENGTH;
  const overlap = input.overlap ?? OVERLAP;
  const shifts = input.shifts ?? 1;
  if (!Number.isInteger(shifts) || shifts < 0) throw new RangeError(`shifts must be a whole number ≥ 0, got ${shifts}`);
  if (input.channels.length !== CHANNELS) throw new RangeError('separateTrack needs planar stereo');
  const seed = input.seed ?? Math.floor(Math.random() * 2 ** 32);
  const stats = mixStats(input.channels);
  const normalized = normalize(input.channels, stats);
  const length = normalized[0]!.length;

  const plans = new Map<Stem, Pass[]>();
  for (const stem of input.stems) {
    const random = input.random?.(stem) ?? seededRandom(Math.imul(seed ^ 0x9e3779b9, sourceIndex(stem) + 1) >>> 0);
    const leads = shifts === 0 ? [0] : Array.from({ length: shifts }, () => randomShiftLead(random));
    plans.set(
      stem,
      leads.map((lead) => ({ lead, chunks: planChunks(lead + length, segmentLength, overlap) })),
    );
  }
  const total = [...plans.values()].flat().reduce((n, pass) => n + pass.chunks.length, 0);
  let done = 0;

  const frames = frameCount(segmentLength);
  const plane = BINS * frames;
  const stft = createStft(segmentLength);
  const istft = createIstft(segmentLength);
  const weights = transitionWeights(segmentLength);
  const mix = new Float32Array(CHANNELS * segmentLength);
  const spec = new Float32Array(2 * CHANNELS * plane);
  const segment = new Float32Array(CHANNELS * segmentLength);
  const checkCancelled = () => {
    if (input.isCancelled?.()) throw new DOMException('separation cancelled', 'AbortError');
  };

  const results = new Map<Stem, StemAudio>();
  for (const [stem, passes] of plans) {
    input.onProgress?.({ stem, done, total });
    checkCancelled();
    const k = sourceIndex(stem);
    const model = await input.loadModel(stem);
    try {
      const sum: StemAudio = [new Float32Array(length), new Float32Array(length)];
      for (const pass of passes) {
        const view = trackView(normalized, pass.lead);
        const ola = createOverlapAdd(CHANNELS, view.length, segmentLength, weights);
        for (const chunk of pass.chunks) {
          checkCancelled();
          readSegment(view, chunk, mix, segmentLength);
          stft.forward(mix, spec);
          const out = await model.run(mix, spec);
          checkOutput(out, plane, segmentLength);
          for (let c = 0; c < CHANNELS; c++) {
            const specBase = (k * 2 * CHANNELS + 2 * c) * plane;
            istft.inverse(out.specOut, specBase, specBase + plane, segment, c * segmentLength);
            const waveBase = (k * CHANNELS + c) * segmentLength;
            for (let i = 0; i < segmentLength; i++) {
              segment[c * segmentLength + i] = segment[c * segmentLength + i]! + out.waveOut[waveBase + i]!;
            }
          }
          ola.add(chunk, segment);
          done += 1;
          input.onProgress?.({ stem, done, total });
        }
        const shifted = ola.finish();
        for (let c = 0; c < CHANNELS; c++) {
          const src = shifted[c]!;
          const dst = sum[c]!;
          for (let i = 0; i < length; i++) dst[i] = dst[i]! + src[pass.lead + i]!;
        }
      }
      if (passes.length > 1) {
        for (const ch of sum) for (let i = 0; i < length; i++) ch[i] = ch[i]! / passes.length;
      }
      denormalize(sum, stats);
      results.set(stem, sum);
    } finally {
      await model.release();
    }
  }
  return results;
}

function checkOutput(out: SegmentOutput, plane: number, segmentLength: number): void {
  const specValues = SOURCES * 2 * CHANNELS * plane;
  const waveValues = SOURCES * CHANNELS * segmentLength;
  if (out.specOut.length !== specValues || out.waveOut.length !== waveValues) {
    throw new RangeError(
      `model returned ${out.specOut.length} spec_out and ${out.waveOut.length} wave_out values; expected ${specValues} and ${waveValues} (${N_FFT}-point STFT contract)`,
    );
  }
}
