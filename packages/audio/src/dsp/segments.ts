import { OVERLAP, SEGMENT_LENGTH } from './constants.ts';

/** A chunk of a track (or of a shifted view of it), in samples. */
export interface Chunk {
  readonly offset: number;
  readonly length: number;
}

/**
 * Demucs's split: stride = int((1 − overlap)·L) (257,985 for the contract), chunks start at 0,
 * stride, 2·stride… while below `total`, each min(L, total − offset) long.
 */
export function planChunks(total: number, segmentLength = SEGMENT_LENGTH, overlap = OVERLAP): Chunk[] {
  if (!(overlap >= 0 && overlap < 1)) throw new RangeError(`overlap must be in [0, 1), got ${overlap}`);
  const stride = Math.floor((1 - overlap) * segmentLength);
  if (stride < 1) throw new RangeError('overlap leaves no stride');
  const chunks: Chunk[] = [];
  for (let offset = 0; offset < total; offset += stride) {
    chunks.push({ offset, length: Math.min(segmentLength, total - offset) });
  }
  return chunks;
}

/**
 * Triangular transition weights: i + 1 for i < L/2, L − i after, divided by the maximum
 * (L/2 for even L). A short last chunk uses the first `length` of them, as demucs does.
 */
export function transitionWeights(segmentLength = SEGMENT_LENGTH): Float32Array {
  const half = Math.floor(segmentLength / 2);
  const max = Math.max(half, segmentLength - half);
  const w = new Float32Array(segmentLength);
  for (let i = 0; i < segmentLength; i++) w[i] = (i < half ? i + 1 : segmentLength - i) / max;
  return w;
}

/**
 * A track seen through the random shift: `lead` virtual zeros, then the channels; zeros outside.
 * `length` = lead + samples.
 */
export interface TrackView {
  readonly channels: readonly Float32Array[];
  readonly lead: number;
  readonly length: number;
}

export function trackView(channels: readonly Float32Array[], lead = 0): TrackView {
  return { channels, lead, length: lead + (channels[0]?.length ?? 0) };
}

/** Where the model's window starts for a chunk: centred, offset − (L − l)//2. */
export function chunkReadStart(chunk: Chunk, segmentLength = SEGMENT_LENGTH): number {
  return chunk.offset - Math.floor((segmentLength - chunk.length) / 2);
}

/**
 * Fills `out` (C planar channels of L) with the view's samples [start, start + L), zeros outside
 * the track, where start centres the chunk in the window (the rest is real audio around it).
 */
export function readSegment(view: TrackView, chunk: Chunk, out: Float32Array, segmentLength = SEGMENT_LENGTH): void {
  const start = chunkReadStart(chunk, segmentLength) - view.lead;
  view.channels.forEach((ch, c) => {
    const base = c * segmentLength;
    const from = Math.max(0, start);
    const to = Math.min(ch.length, start + segmentLength);
    if (to <= from) {
      out.fill(0, base, base + segmentLength);
      return;
    }
    out.fill(0, base, base + (from - start));
    out.set(ch.subarray(from, to), base + (from - start));
    out.fill(0, base + (to - start), base + segmentLength);
  });
}

/** Weighted overlap-add of the model's per-chunk outputs over a view. */
export interface OverlapAdd {
  /** `segment` is the model's whole window (C planar channels of L); its centred chunk is used. */
  add(chunk: Chunk, segment: Float32Array): void;
  /** Divides by the summed weights; returns C channels of the view's length. */
  finish(): Float32Array[];
}

export function createOverlapAdd(
  channelCount: number,
  viewLength: number,
  segmentLength = SEGMENT_LENGTH,
  weights = transitionWeights(segmentLength),
): OverlapAdd {
  const out = Array.from({ length: channelCount }, () => new Float32Array(viewLength));
  const sum = new Float32Array(viewLength);
  return {
    add(chunk, segment) {
      const trim = Math.floor((segmentLength - chunk.length) / 2);
      for (let c = 0; c < channelCount; c++) {
        const dst = out[c]!;
        const base = c * segmentLength + trim;
        for (let j = 0; j < chunk.length; j++) {
          dst[chunk.offset + j] = dst[chunk.offset + j]! + weights[j]! * segment[base + j]!;
        }
      }
      for (let j = 0; j < chunk.length; j++) sum[chunk.offset + j] = sum[chunk.offset + j]! + weights[j]!;
    },
    finish() {
      for (let i = 0; i < viewLength; i++) {
        if (!(sum[i]! > 0)) throw new Error(`overlap-add: sample ${i} has no chunk`);
      }
      for (const ch of out) {
        for (let i = 0; i < viewLength; i++) ch[i] = ch[i]! / sum[i]!;
      }
      return out;
    },
  };
}
