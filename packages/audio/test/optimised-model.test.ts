import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINS, frameCount, SEGMENT_LENGTH } from '../src/dsp/index.ts';
import { createSeparator } from '../src/index.ts';
import { openStemModel } from '../src/separator/session.ts';
import { writeFakeDemucsModel } from '../src/testing/index.ts';
import { tones } from './helpers/reference.ts';
import { PYTHON, pythonMissing } from './helpers/tools.ts';

// tools/optimize-htdemucs-onnx.py (ADR 0200) on a small model with the contract's inputs and outputs
// and both attention forms torch exports (helpers/attention-model.py): the rewritten file must pass
// the separator's contract check and give the same outputs as the plain one.

const ROOT = join(import.meta.dirname, '../../..');
const TOOL = join(ROOT, 'tools/optimize-htdemucs-onnx.py');
const BUILDER = join(import.meta.dirname, 'helpers/attention-model.py');

if (pythonMissing) console.warn(`optimised-model tests skipped: ${pythonMissing}`);

let dir: string;
let plain: string;
let optimised: string;
let toolOutput: string;

function tool(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(PYTHON, [TOOL, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** max |a − b| / max |b|. */
function relErr(a: Float32Array, b: Float32Array): number {
  let m = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return m / s;
}

const noise = (n: number, seed: number) =>
  Float32Array.from({ length: n }, (_, i) => ((Math.sin(i * 12.9898 + seed) * 43758.5453) % 1) * 0.8);

describe.skipIf(pythonMissing)(
  `optimised HTDemucs graphs${pythonMissing ? ` (skipped: ${pythonMissing})` : ''}`,
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'autoalex-optimise-'));
      plain = join(dir, 'htdemucs_ft.vocals.onnx');
      optimised = join(dir, 'htdemucs_ft.vocals.optimised.onnx');
      const built = spawnSync(PYTHON, [BUILDER, plain], { encoding: 'utf8' });
      expect(built.stderr).toBe('');
      const r = tool([plain, optimised]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      toolOutput = r.stdout;
    });
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('rewrites both attention forms, makes the shapes run-time ones, and keeps the outputs to 1e-4', async () => {
      expect(toolOutput).toContain('2 attention blocks → com.microsoft.MultiHeadAttention');
      expect(toolOutput).toMatch(/run-time shapes \(\d+ Reshapes to -1\)/);
      const mix = noise(2 * SEGMENT_LENGTH, 1);
      const spec = noise(4 * BINS * frameCount(SEGMENT_LENGTH), 2);
      const a = await openStemModel('vocals', plain, { threads: 2 });
      const b = await openStemModel('vocals', optimised, { threads: 2 }); // contract check passes
      try {
        const want = await a.run(mix, spec);
        const got = await b.run(mix, spec);
        expect(got.specOut.length).toBe(want.specOut.length);
        expect(got.waveOut.length).toBe(want.waveOut.length);
        expect(relErr(got.specOut, want.specOut)).toBeLessThan(1e-4);
        expect(relErr(got.waveOut, want.waveOut)).toBeLessThan(1e-4);
        // The attention really matters to the outputs: a different segment changes them.
        const other = await a.run(noise(2 * SEGMENT_LENGTH, 3), spec);
        expect(relErr(other.waveOut, want.waveOut)).toBeGreaterThan(1e-3);
      } finally {
        await a.release();
        await b.release();
      }
    });

    it('the separator gives the same stem with the plain and the optimised file', async () => {
      const n = 200_000;
      const audio = { sampleRate: 44_100, channels: [tones(n, [[0.5, 0.0627, 0]]), noise(n, 4)] };
      const stemWith = async (path: string) => {
        const separator = createSeparator({ modelPaths: { vocals: path }, shifts: 0, threads: 2 });
        try {
          const result = await separator.separate(audio, { stems: ['vocals'] });
          return result.stems.vocals!;
        } finally {
          await separator.close();
        }
      };
      const [l0, r0] = await stemWith(plain);
      const [l1, r1] = await stemWith(optimised);
      expect(relErr(l1, l0)).toBeLessThan(1e-4);
      expect(relErr(r1, r0)).toBeLessThan(1e-4);
    });

    it('refuses an optimised file and a graph without attention, writing nothing', async () => {
      const again = join(dir, 'again.onnx');
      const r1 = tool([optimised, again]);
      expect(r1.status).toBe(1);
      expect(r1.stderr).toContain('already optimised');
      const fake = join(dir, 'fake.onnx');
      await writeFakeDemucsModel(fake, {});
      const out = join(dir, 'fake.optimised.onnx');
      const r2 = tool([fake, out]);
      expect(r2.status).toBe(1);
      expect(r2.stderr).toContain('no attention of the expected form');
      expect(existsSync(out)).toBe(false);
      expect(existsSync(again)).toBe(false);
      // The shape rewrite alone still applies to any graph.
      const r3 = tool(['--keep-attention', fake, out]);
      expect(r3.status).toBe(0);
      expect(r3.stdout).toContain('run-time shapes');
    });

    it('--in-place rewrites the file and its manifest.json entry (sha256, bytes)', async () => {
      const sub = join(dir, 'models');
      await rm(sub, { recursive: true, force: true });
      await mkdir(sub);
      const file = join(sub, 'htdemucs_ft.vocals.onnx');
      await writeFile(file, await readFile(plain));
      const before = await readFile(file);
      const manifest = {
        model: 'htdemucs_ft',
        opset: 17,
        files: [
          {
            stem: 'vocals',
            file: 'htdemucs_ft.vocals.onnx',
            sha256: createHash('sha256').update(before).digest('hex'),
            bytes: before.length,
          },
        ],
      };
      await writeFile(join(sub, 'manifest.json'), JSON.stringify(manifest));
      const r = tool(['--in-place', file]);
      expect(r.status).toBe(0);
      const after = await readFile(file);
      expect(after.equals(before)).toBe(false);
      const updated = JSON.parse(await readFile(join(sub, 'manifest.json'), 'utf8'));
      expect(updated.files[0].sha256).toBe(createHash('sha256').update(after).digest('hex'));
      expect(updated.files[0].bytes).toBe(after.length);
      expect(updated.model).toBe('htdemucs_ft');
    });
  },
);
