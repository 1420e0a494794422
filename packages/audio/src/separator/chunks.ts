/**
 * Samples per IPC message: 1 MiB of float32. A 4-minute stereo track (85 MB) sent as one message
 * per channel took ~3 s there and back on a busy 2-core machine; in 1 MiB messages ~0.25 s (ADR 0227).
 */
export const CHUNK_SAMPLES = 1 << 18;

/** `data` in consecutive views of at most CHUNK_SAMPLES samples, with their offsets. */
export function* chunksOf(data: Float32Array): Generator<[offset: number, chunk: Float32Array]> {
  for (let offset = 0; offset < data.length; offset += CHUNK_SAMPLES) {
    yield [offset, data.subarray(offset, offset + CHUNK_SAMPLES)];
  }
}

export interface PlanarAssembler {
  readonly channels: [Float32Array, Float32Array];
  /** True once every sample of both channels has arrived. */
  readonly complete: boolean;
  add(channel: number, offset: number, chunk: Float32Array): void;
}

/** Collects planar stereo of `length` samples per channel from chunks, refusing any out of bounds. */
export function createPlanarAssembler(length: number): PlanarAssembler {
  const channels: [Float32Array, Float32Array] = [new Float32Array(length), new Float32Array(length)];
  let received = 0;
  return {
    channels,
    get complete() {
      return received === 2 * length;
    },
    add(channel, offset, chunk) {
      const target = channels[channel];
      if (!target || !Number.isInteger(offset) || offset < 0 || offset + chunk.length > length) {
        throw new RangeError(`chunk of ${chunk.length} samples at ${offset} of channel ${channel} is out of bounds`);
      }
      target.set(chunk, offset);
      received += chunk.length;
    },
  };
}
