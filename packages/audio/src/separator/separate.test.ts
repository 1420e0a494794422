import { describe, expect, it } from 'vitest';
import { maxAbsDiff, referenceSeparate, tones } from '../../test/helpers/reference.ts';
import { BINS, MAX_SHIFT, SEGMENT_LENGTH } from '../dsp/constants.ts';
import { STEMS, type Stem, sourceIndex } from '../stems.ts';
import { type SegmentOutput, type StemModel, separateTrack } from './separate.ts';

const L = SEGMENT_LENGTH;
const plane = BINS * 336;

/** Per stem and stereo channel: spec_out = a·spec, wave_out = b·mix (like the fake ONNX model). */
type Gains = Record<Stem, { a: [number, number]; b: [number, number] }>;

const gains: Gains = {
  drums: { a: [1, 1], b: [0, 0] },
  bass: { a: [0, 0], b: [1, 1] },
  other: { a: [0.5, 0.5], b: [0.25, 0.25] },
  vocals: { a: [2, -1], b: [0, 0] },
};

/** A model in JS: source s gets its own gains; only source `stem` should be used by the caller. */
function jsModel(log: string[], stem: Stem): StemModel {
  return {
    async run(mix, spec): Promise<SegmentOutput> {
      const specOut = new Float32Array(16 * plane);
      const waveOut = new Float32Array(8 * L);
      STEMS.forEach((s, k) => {
        // Wrong sources get garbage, to prove only source k of model k is used.
        const g = s === stem ? gains[s] : { a: [7, 7], b: [-3, -3] };
        for (let ch = 0; ch < 4; ch++) {
          const a = g.a[ch >> 1]!;
          for (let i = 0; i < plane; i++) specOut[(k * 4 + ch) * plane + i] = a * spec[ch * plane + i]!;
        }
        for (let c = 0; c < 2; c++) {
          for (let i = 0; i < L; i++) waveOut[(k * 2 + c) * L + i] = g.b[c]! * mix[c * L + i]!;
        }
      });
      log.push(`run ${stem}`);
      return { specOut, waveOut };
    },
    async release() {
      log.push(`release ${stem}`);
    },
  };
}

const N = 441_000; // 10 s: two chunks, one full and one short (centred)
const left = tones(N, [
  [0.5, 0.0627, 0],
  [0.2, 0.31, 1],
]);
const right = tones(N, [[0.3, 0.031, 1]]);
for (let i = 0; i < N; i++) right[i] = right[i]! + 0.05; // an offset, so the mean matters

describe('separateTrack (closed-form models in JS)', { timeout: 120_000 }, () => {
  it('loads only the requested stems, in source order, one at a time, and matches the reference', async () => {
    const log: string[] = [];
    const progress: string[] = [];
    const out = await separateTrack({
      channels: [left, right],
      stems: ['bass', 'vocals'],
      shifts: 0,
      loadModel: async (stem) => {
        log.push(`load ${stem}`);
        return jsModel(log, stem);
      },
      onProgress: (p) => progress.push(`${p.stem} ${p.done}/${p.total}`),
    });
    expect(log).toEqual([
      'load bass',
      'run bass',
      'run bass',
      'release bass',
      'load vocals',
      'run vocals',
      'run vocals',
      'release vocals',
    ]);
    expect(progress).toEqual(['bass 0/4', 'bass 1/4', 'bass 2/4', 'vocals 2/4', 'vocals 3/4', 'vocals 4/4']);
    expect([...out.keys()]).toEqual(['bass', 'vocals']);
    for (const stem of ['bass', 'vocals'] as const) {
      const expected = referenceSeparate([left, right], { specGain: gains[stem].a, waveGain: gains[stem].b });
      const [l, r] = out.get(stem)!;
      expect(maxAbsDiff(l, expected[0]!)).toBeLessThan(2e-5);
      expect(maxAbsDiff(r, expected[1]!)).toBeLessThan(2e-5);
    }
  });

  it('gives exactly x·gain (about the mean) away from segment edges, and x itself on the waveform path', async () => {
    const out = await separateTrack({
      channels: [left, right],
      stems: STEMS,
      shifts: 0,
      loadModel: async (stem) => jsModel([], stem),
    });
    const mean = (left.reduce((a, b) => a + b, 0) + right.reduce((a, b) => a + b, 0)) / (2 * N);
    const expectScaled = (stem: Stem, c: 0 | 1, from: number, to: number, tol: number) => {
      const g = gains[stem].a[c] + gains[stem].b[c];
      const x = c === 0 ? left : right;
      const y = out.get(stem)![c];
      let m = 0;
      for (let i = from; i < to; i++) m = Math.max(m, Math.abs(y[i]! - (g * (x[i]! - mean) + mean)));
      expect(m, `${stem}[${c}] on [${from}, ${to})`).toBeLessThan(tol);
    };
    // Exact wherever every chunk that contributes is away from its own window's edges (where the
    // STFT round trip is deliberately imperfect): chunk 0's window is [0, L), chunk 1's window is
    // centred ([177503, 521483)) so its trimmed part [257985, N) is far from its edges, but the
    // track ends at N (zeros after).
    for (const stem of STEMS) {
      for (const c of [0, 1] as const) {
        expectScaled(stem, c, 8192, L - 8192, 1e-5);
        expectScaled(stem, c, L, N - 8192, 1e-5);
      }
    }
    // bass is wave_out only: exact everywhere, edges included.
    expectScaled('bass', 0, 0, N, 1e-5);
    expectScaled('bass', 1, 0, N, 1e-5);
  });

  it('applies the random shift: lead zeros in, the same samples out', async () => {
    const stems: Stem[] = ['drums'];
    const loadModel = async (stem: Stem) => jsModel([], stem);
    const out = await separateTrack({ channels: [left, right], stems, shifts: 1, random: () => () => 0.3, loadModel });
    const lead = MAX_SHIFT - Math.floor(0.3 * (MAX_SHIFT + 1));
    const expected = referenceSeparate([left, right], { specGain: [1, 1], waveGain: [0, 0] }, { lead });
    expect(maxAbsDiff(out.get('drums')![0], expected[0]!)).toBeLessThan(2e-5);
    // Two passes with different leads average.
    let call = 0;
    const two = await separateTrack({
      channels: [left, right],
      stems,
      shifts: 2,
      random: () => () => [0.1, 0.9][call++ % 2]!,
      loadModel,
    });
    const leads = [0.1, 0.9].map((u) => MAX_SHIFT - Math.floor(u * (MAX_SHIFT + 1)));
    const refs = leads.map((l) =>
      referenceSeparate([left, right], { specGain: [1, 1], waveGain: [0, 0] }, { lead: l }),
    );
    const avg = refs[0]![1]!.map((v, i) => (v + refs[1]![1]![i]!) / 2);
    expect(maxAbsDiff(two.get('drums')![1], avg)).toBeLessThan(2e-5);
  });

  it('is reproducible with a seed', async () => {
    const run = (seed: number) =>
      separateTrack({
        channels: [left.subarray(0, 100_000), right.subarray(0, 100_000)],
        stems: ['vocals'],
        seed,
        loadModel: async (stem) => jsModel([], stem),
      });
    const [a, b] = await Promise.all([run(5), run(5)]);
    expect(a.get('vocals')![0]).toEqual(b.get('vocals')![0]);
  });

  it('turns silence into silence, without NaN', async () => {
    const z = new Float32Array(50_000);
    const out = await separateTrack({
      channels: [z, z],
      stems: STEMS,
      loadModel: async (stem) => jsModel([], stem),
    });
    for (const [l, r] of out.values()) {
      expect(l.every((v) => v === 0)).toBe(true);
      expect(r.every((v) => v === 0)).toBe(true);
    }
  });

  it('stops between segments when cancelled and still releases the model', async () => {
    const log: string[] = [];
    let cancelled = false;
    const run = separateTrack({
      channels: [left, right],
      stems: ['drums', 'vocals'],
      shifts: 0,
      loadModel: async (stem) => {
        log.push(`load ${stem}`);
        return jsModel(log, stem);
      },
      onProgress: (p) => {
        if (p.done === 1) cancelled = true;
      },
      isCancelled: () => cancelled,
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(log).toEqual(['load drums', 'run drums', 'release drums']);
  });

  it('checks the sizes the model returns', async () => {
    await expect(
      separateTrack({
        channels: [left.subarray(0, 10_000), right.subarray(0, 10_000)],
        stems: ['other'],
        loadModel: async () => ({
          run: async () => ({ specOut: new Float32Array(10), waveOut: new Float32Array(10) }),
          release: async () => {},
        }),
      }),
    ).rejects.toThrow(/spec_out/);
  });

  it('knows the source order', () => {
    expect(STEMS.map(sourceIndex)).toEqual([0, 1, 2, 3]);
  });
});
