import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeparator, decodeAudioFile, mixStem, STEMS, type Stem } from '../src/index.ts';
import { writeFakeDemucsModel } from '../src/testing/index.ts';
import { ffmpeg } from './helpers/ffmpeg.ts';
import { maxAbsDiff, referenceSeparate } from './helpers/reference.ts';

// A real audio file (made by FFmpeg), decoded by FFmpeg, separated through ONNX Runtime in the
// worker with closed-form models, checked against the independent reference, then remixed.

type Gain = [number, number];
const gains: Record<Stem, { a: Gain; b: Gain }> = {
  drums: { a: [1, 1], b: [0, 0] },
  bass: { a: [0, 0], b: [1, 1] },
  other: { a: [0.5, 0.5], b: [0.25, 0.25] },
  vocals: { a: [2, -1], b: [0, 0] },
};

let dir: string;
let file: string;
const paths = {} as Record<Stem, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'autoalex-e2e-'));
  file = join(dir, 'track.flac');
  // 6.5 s: two chunks (a full one and a short centred one); left 440 Hz + 3 kHz, right 660 Hz.
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=6.5:sample_rate=44100',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=3000:duration=6.5:sample_rate=44100',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=660:duration=6.5:sample_rate=44100',
    '-filter_complex',
    '[0][1]amix=inputs=2[l];[l][2]join=inputs=2:channel_layout=stereo',
    file,
  ]);
  for (const stem of STEMS) {
    paths[stem] = join(dir, `htdemucs_ft.${stem}.onnx`);
    await writeFakeDemucsModel(paths[stem], {
      specGain: STEMS.map((s) => (s === stem ? gains[s].a : [5, 5])),
      waveGain: STEMS.map((s) => (s === stem ? gains[s].b : [-5, -5])),
    });
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('end to end', { timeout: 120_000 }, () => {
  it('decodes a real file, separates one stem and then all four, and remixes', async () => {
    const decoded = await decodeAudioFile(file);
    const [left, right] = decoded.channels;
    expect(left.length).toBe(286_650);
    expect(maxAbsDiff(left, right)).toBeGreaterThan(0.1); // really stereo
    const sep = createSeparator({ modelPaths: paths, shifts: 0, threads: 2 });
    try {
      const one = await sep.separate(decoded, { stems: ['vocals'] });
      expect(Object.keys(one.stems)).toEqual(['vocals']);
      const vocals = referenceSeparate([left, right], { specGain: gains.vocals.a, waveGain: gains.vocals.b });
      expect(maxAbsDiff(one.stems.vocals![0], vocals[0]!)).toBeLessThan(2e-5);
      expect(maxAbsDiff(one.stems.vocals![1], vocals[1]!)).toBeLessThan(2e-5);
      // Away from the track's edges it is the input times the gain (about the tiny mean).
      expect(
        maxAbsDiff(
          one.stems.vocals![0].map((v) => v / 2),
          left,
          10_000,
          250_000,
        ),
      ).toBeLessThan(2e-4);

      const all = await sep.separate(decoded, { stems: [...STEMS] });
      for (const stem of STEMS) {
        const expected = referenceSeparate([left, right], { specGain: gains[stem].a, waveGain: gains[stem].b });
        expect(maxAbsDiff(all.stems[stem]![0], expected[0]!), stem).toBeLessThan(2e-5);
        expect(maxAbsDiff(all.stems[stem]![1], expected[1]!), stem).toBeLessThan(2e-5);
      }
      expect(all.stems.vocals![0]).toEqual(one.stems.vocals![0]);

      // The "bass" model returns the mix itself: reducing it by −∞ dB leaves silence, +6 dB doubles.
      const bass = all.stems.bass!;
      const removed = mixStem([left, right], bass, Number.NEGATIVE_INFINITY);
      expect(maxAbsDiff(removed[0]!, new Float32Array(left.length))).toBeLessThan(1e-5);
      const boosted = mixStem([left, right], bass, 20 * Math.log10(2));
      expect(
        maxAbsDiff(
          boosted[1]!,
          right.map((v) => 2 * v),
        ),
      ).toBeLessThan(1e-5);
    } finally {
      await sep.close();
    }
  });
});
