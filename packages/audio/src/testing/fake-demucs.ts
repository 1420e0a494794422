import { writeFile } from 'node:fs/promises';
import { BINS, frameCount, SEGMENT_LENGTH } from '../dsp/constants.ts';
import { type Dim, encodeModel } from './onnx.ts';

type Port = 'mix' | 'spec' | 'spec_out' | 'wave_out';

export interface FakeDemucsOptions {
  /**
   * spec_out[s, 2c] = specGain[s][c]·spec[2c] and likewise for 2c+1: a per-source, per-channel
   * gain on the spectrogram (default 0).
   */
  readonly specGain?: readonly (readonly [number, number])[];
  /** wave_out[s, c] = waveGain[s][c]·mix[c] (default 0). */
  readonly waveGain?: readonly (readonly [number, number])[];
  /** Rename ports (to build models that break the contract). */
  readonly names?: Partial<Record<Port, string>>;
  /** Override declared shapes (to build models that break the contract). */
  readonly shapes?: Partial<Record<Port, readonly Dim[]>>;
  readonly segmentLength?: number;
}

/**
 * A tiny ONNX model with the HTDemucs interface and closed-form behaviour (two Unsqueeze and two
 * Mul nodes with known weights), so separations through ONNX Runtime can be checked exactly:
 * source s of a segment comes out as waveGain[s]·x + specGain[s]·iSTFT(STFT(x)).
 */
export function fakeDemucsModel(options: FakeDemucsOptions = {}): Uint8Array {
  const L = options.segmentLength ?? SEGMENT_LENGTH;
  const T = frameCount(L);
  const name = (p: Port) => options.names?.[p] ?? p;
  const shape = (p: Port, d: readonly Dim[]) => options.shapes?.[p] ?? d;
  const gains = (g: FakeDemucsOptions['specGain']) => Array.from({ length: 4 }, (_, s) => g?.[s] ?? [0, 0]);
  const spec = gains(options.specGain);
  const wave = gains(options.waveGain);
  const specGain = new Float32Array(16);
  spec.forEach(([l, r], s) => {
    specGain.set([l, l, r, r], 4 * s);
  });
  const waveGain = new Float32Array(8);
  wave.forEach(([l, r], s) => {
    waveGain.set([l, r], 2 * s);
  });
  return encodeModel({
    name: 'fake_htdemucs',
    inputs: [
      { name: name('mix'), shape: shape('mix', [1, 2, L]) },
      { name: name('spec'), shape: shape('spec', [1, 4, BINS, T]) },
    ],
    outputs: [
      { name: name('spec_out'), shape: shape('spec_out', [1, 4, 4, BINS, T]) },
      { name: name('wave_out'), shape: shape('wave_out', [1, 4, 2, L]) },
    ],
    initializers: [
      { name: 'axes', dims: [1], data: BigInt64Array.from([1n]) },
      { name: 'spec_gain', dims: [1, 4, 4, 1, 1], data: specGain },
      { name: 'wave_gain', dims: [1, 4, 2, 1], data: waveGain },
    ],
    nodes: [
      { op: 'Unsqueeze', inputs: [name('spec'), 'axes'], outputs: ['spec_u'] },
      { op: 'Mul', inputs: ['spec_u', 'spec_gain'], outputs: [name('spec_out')] },
      { op: 'Unsqueeze', inputs: [name('mix'), 'axes'], outputs: ['mix_u'] },
      { op: 'Mul', inputs: ['mix_u', 'wave_gain'], outputs: [name('wave_out')] },
    ],
  });
}

export async function writeFakeDemucsModel(path: string, options: FakeDemucsOptions = {}): Promise<void> {
  await writeFile(path, fakeDemucsModel(options));
}
