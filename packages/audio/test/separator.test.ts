import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeparator, type SeparationError, STEMS, type Stem } from '../src/index.ts';
import { type FakeDemucsOptions, writeFakeDemucsModel } from '../src/testing/index.ts';
import { maxAbsDiff, referenceSeparate, tones } from './helpers/reference.ts';

// The separator end to end through ONNX Runtime in its own process, with tiny ONNX models
// written by the test (spec_out[s] = a_s·spec, wave_out[s] = b_s·mix), so every output has a
// closed form (helpers/reference.ts).

type Gain = [number, number];
const gains: Record<Stem, { a: Gain; b: Gain }> = {
  drums: { a: [1, 1], b: [0, 0] },
  bass: { a: [0, 0], b: [1, 1] },
  other: { a: [0.5, 0.5], b: [0.25, 0.25] },
  vocals: { a: [2, -1], b: [0, 0] },
};

/** Model k has the right gains on source k and garbage on the others. */
function modelFor(stem: Stem): FakeDemucsOptions {
  const garbage: Gain = [9, -9];
  return {
    specGain: STEMS.map((s) => (s === stem ? gains[s].a : garbage)),
    waveGain: STEMS.map((s) => (s === stem ? gains[s].b : garbage)),
  };
}

let dir: string;
const paths = {} as Record<Stem, string>;
const N = 441_000;
const left = tones(N, [
  [0.5, 0.0627, 0],
  [0.2, 0.31, 1],
]);
const right = tones(N, [[0.3, 0.031, 1]]).map((v) => v + 0.05);
const audio = { sampleRate: 44_100, channels: [left, right] };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'autoalex-audio-'));
  for (const stem of STEMS) {
    paths[stem] = join(dir, `${stem}.onnx`);
    await writeFakeDemucsModel(paths[stem], modelFor(stem));
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const codeOf = (err: unknown) => (err as SeparationError).code;

// Generous per-test limit: each model call moves ~50 MB and CI runs many files at once.
describe('createSeparator (ONNX Runtime, separator process)', { timeout: 120_000 }, () => {
  it('separates one stem with only that model (the others do not even exist) and reports progress', async () => {
    const sep = createSeparator({
      modelPaths: { vocals: paths.vocals, drums: join(dir, 'missing.onnx') },
      shifts: 0,
      threads: 2,
    });
    try {
      const progress: string[] = [];
      const out = await sep.separate(audio, {
        stems: ['vocals'],
        onProgress: (p) => progress.push(`${p.stem} ${p.done}/${p.total}`),
      });
      expect(progress).toEqual(['vocals 0/2', 'vocals 1/2', 'vocals 2/2']);
      expect(Object.keys(out.stems)).toEqual(['vocals']);
      expect(out.length).toBe(N);
      expect(out.sampleRate).toBe(44_100);
      const expected = referenceSeparate([left, right], { specGain: gains.vocals.a, waveGain: gains.vocals.b });
      expect(maxAbsDiff(out.stems.vocals![0], expected[0]!)).toBeLessThan(2e-5);
      expect(maxAbsDiff(out.stems.vocals![1], expected[1]!)).toBeLessThan(2e-5);
    } finally {
      await sep.close();
    }
  });

  it('separates all four stems, each from its own model', async () => {
    const sep = createSeparator({ modelPaths: paths, shifts: 0, threads: 2 });
    try {
      const out = await sep.separate(audio, { stems: ['vocals', 'drums', 'other', 'bass'] });
      expect(Object.keys(out.stems).sort()).toEqual([...STEMS].sort());
      for (const stem of STEMS) {
        const expected = referenceSeparate([left, right], { specGain: gains[stem].a, waveGain: gains[stem].b });
        expect(maxAbsDiff(out.stems[stem]![0], expected[0]!), stem).toBeLessThan(2e-5);
        expect(maxAbsDiff(out.stems[stem]![1], expected[1]!), stem).toBeLessThan(2e-5);
      }
    } finally {
      await sep.close();
    }
  });

  it('is reproducible with a seed (random shift on)', async () => {
    const sep = createSeparator({ modelPaths: paths, seed: 11, threads: 2 });
    try {
      const short = { sampleRate: 44_100, channels: [left.subarray(0, 60_000), right.subarray(0, 60_000)] };
      const a = await sep.separate(short, { stems: ['other'] });
      const b = await sep.separate(short, { stems: ['other'] });
      expect(a.stems.other![0]).toEqual(b.stems.other![0]);
    } finally {
      await sep.close();
    }
  });

  it('turns silence into silence (no NaN) and refuses clips that are too short', async () => {
    const sep = createSeparator({ modelPaths: paths, threads: 2 });
    try {
      const z = new Float32Array(44_100);
      const out = await sep.separate({ sampleRate: 44_100, channels: [z] }, { stems: ['drums', 'vocals'] });
      for (const stem of ['drums', 'vocals'] as const) {
        expect(out.stems[stem]![0].every((v) => v === 0)).toBe(true);
        expect(out.stems[stem]![1].every((v) => v === 0)).toBe(true);
      }
      const short = sep.separate({ sampleRate: 44_100, channels: [new Float32Array(100)] }, { stems: ['drums'] });
      await expect(short).rejects.toThrow(/100 samples/);
      await short.catch((err) => expect(codeOf(err)).toBe('AUDIO_TOO_SHORT'));
    } finally {
      await sep.close();
    }
  });

  it('names a missing model file and says how to get it', async () => {
    const missing = join(dir, 'nope', 'htdemucs_ft.bass.onnx');
    const sep = createSeparator({ modelPaths: { bass: missing } });
    try {
      const run = sep.separate(audio, { stems: ['bass'] });
      await expect(run).rejects.toThrow(missing);
      await expect(run).rejects.toThrow(/--fetch-models.*export-htdemucs-onnx\.py/);
      await run.catch((err) => expect(codeOf(err)).toBe('MODEL_MISSING'));
      const unconfigured = sep.separate(audio, { stems: ['other'] });
      await expect(unconfigured).rejects.toThrow(/no model file is configured for stem "other"/);
    } finally {
      await sep.close();
    }
  });

  it.each([
    ['wrong input names', { names: { mix: 'audio' } }, /inputs are \[audio, spec\], expected \[mix, spec\]/],
    [
      'wrong shapes',
      { shapes: { spec: [1, 4, 1024, 336], spec_out: [1, 4, 4, 1024, 336] } },
      /input spec has shape \[1, 4, 1024, 336\], expected \[1, 4, 2048, 336\]; output spec_out has shape/,
    ],
    ['wrong output names', { names: { wave_out: 'waveform' } }, /outputs are \[spec_out, waveform\]/],
  ] as const)('rejects a model with %s (MODEL_CONTRACT)', async (_, options, message) => {
    const path = join(dir, `bad-${Math.random().toString(36).slice(2)}.onnx`);
    await writeFakeDemucsModel(path, options as FakeDemucsOptions);
    const sep = createSeparator({ modelPaths: { drums: path }, threads: 1 });
    try {
      const run = sep.separate(audio, { stems: ['drums'] });
      await expect(run).rejects.toThrow(message);
      await run.catch((err) => {
        expect(codeOf(err)).toBe('MODEL_CONTRACT');
        expect(String(err.message)).toContain(path);
      });
    } finally {
      await sep.close();
    }
  });

  it('rejects a file that is not an ONNX model (MODEL_INVALID)', async () => {
    const path = join(dir, 'garbage.onnx');
    await writeFile(path, 'this is not a model');
    const sep = createSeparator({ modelPaths: { drums: path } });
    try {
      const run = sep.separate(audio, { stems: ['drums'] });
      await expect(run).rejects.toThrow(/ONNX Runtime could not load the "drums" model/);
      await run.catch((err) => expect(codeOf(err)).toBe('MODEL_INVALID'));
    } finally {
      await sep.close();
    }
  });

  it('aborts: rejects at once, the process stops after its segment, and the next job runs', async () => {
    const sep = createSeparator({ modelPaths: paths, shifts: 0, threads: 2 });
    try {
      const long = { sampleRate: 44_100, channels: [tones(44_100 * 60, [[0.5, 0.05, 0]])] }; // 11 segments
      const controller = new AbortController();
      let last = 0;
      const run = sep.separate(long, {
        stems: ['drums', 'bass'],
        signal: controller.signal,
        onProgress: (p) => {
          last = p.done;
          if (p.done === 1) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      const next = await sep.separate(audio, { stems: ['bass'] });
      expect(last).toBeLessThan(4);
      const expected = referenceSeparate([left, right], { specGain: gains.bass.a, waveGain: gains.bass.b });
      expect(maxAbsDiff(next.stems.bass![0], expected[0]!)).toBeLessThan(2e-5);
      // An already-aborted signal never starts.
      await expect(sep.separate(audio, { stems: ['bass'], signal: AbortSignal.abort() })).rejects.toMatchObject({
        name: 'AbortError',
      });
    } finally {
      await sep.close();
    }
  });

  it('close() rejects the separation in progress and refuses new ones', async () => {
    const sep = createSeparator({ modelPaths: paths, shifts: 0, threads: 2 });
    const long = { sampleRate: 44_100, channels: [tones(44_100 * 60, [[0.5, 0.05, 0]])] };
    let closing: Promise<void> | undefined;
    try {
      const run = sep.separate(long, {
        stems: ['drums'],
        onProgress: (p) => {
          if (p.done === 1) closing = sep.close();
        },
      });
      await expect(run).rejects.toThrow(/closed/);
      await run.catch((err) => expect(codeOf(err)).toBe('CLOSED'));
      await closing;
      await expect(sep.separate(audio, { stems: ['drums'] })).rejects.toThrow(/closed/);
    } finally {
      await sep.close();
    }
  });
});
