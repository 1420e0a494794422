import { open } from 'node:fs/promises';
import { SAMPLE_RATE } from './dsp/constants.ts';

const FRAMES_PER_WRITE = 65_536;

/** A 44-byte WAV header for interleaved IEEE float32 (format 3). */
export function floatWavHeader(frames: number, channels: number, sampleRate = SAMPLE_RATE): Buffer {
  const dataBytes = frames * channels * 4;
  if (dataBytes + 36 > 0xffff_ffff) throw new RangeError('audio too long for a WAV file (4 GiB)');
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(3, 20); // WAVE_FORMAT_IEEE_FLOAT
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 4, 28);
  header.writeUInt16LE(channels * 4, 32);
  header.writeUInt16LE(32, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/**
 * Writes planar channels as an interleaved float32 WAV (exact: no quantisation, no clipping), a
 * block at a time so no second full-size copy is made. Resolves to the file's size in bytes.
 */
export async function writeFloatWav(
  path: string,
  channels: readonly Float32Array[],
  sampleRate = SAMPLE_RATE,
): Promise<number> {
  const count = channels.length;
  const frames = channels[0]?.length ?? 0;
  if (count === 0 || channels.some((c) => c.length !== frames)) {
    throw new RangeError('writeFloatWav needs at least one channel, all of the same length');
  }
  const file = await open(path, 'w');
  try {
    await file.write(floatWavHeader(frames, count, sampleRate));
    const block = new Float32Array(Math.min(frames, FRAMES_PER_WRITE) * count);
    for (let start = 0; start < frames; start += FRAMES_PER_WRITE) {
      const n = Math.min(FRAMES_PER_WRITE, frames - start);
      for (let i = 0; i < n; i++) for (let c = 0; c < count; c++) block[i * count + c] = channels[c]![start + i]!;
      await file.write(new Uint8Array(block.buffer, 0, n * count * 4));
    }
  } finally {
    await file.close();
  }
  return 44 + frames * count * 4;
}
