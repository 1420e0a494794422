import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINS, createIstft, createStft, SEGMENT_LENGTH } from '../src/dsp/index.ts';
import { separateTrack } from '../src/separator/separate.ts';
import { STEMS } from '../src/stems.ts';
import { writeFakeDemucsModel } from '../src/testing/index.ts';
import { tones } from './helpers/reference.ts';
import { pythonMissing, runPython } from './helpers/tools.ts';

// Cross-checks against numpy written from demucs's own code: the STFT as torch.stft(center=True,
// normalized=True) after demucs's re-padding, the iSTFT as torch.istft (window-envelope division,
// two zero frames each side, centre trim), and apply_model's TensorChunk logic for whole tracks.

const L = SEGMENT_LENGTH;
const T = 336;
const plane = BINS * T;

const COMMON = `
import sys, numpy as np
N_FFT, HOP, L = 4096, 1024, ${L}
w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
def stft(x):  # x [C, L] -> [2C, 2048, T]  (demucs HTDemucs._spec + spectro)
    le = -(-x.shape[-1] // HOP); pad = HOP // 2 * 3
    xp = np.pad(x, ((0, 0), (pad, pad + le * HOP - x.shape[-1])), mode='reflect')
    xc = np.pad(xp, ((0, 0), (N_FFT // 2, N_FFT // 2)), mode='reflect')  # torch.stft center=True
    nfr = 1 + (xc.shape[-1] - N_FFT) // HOP
    fr = np.stack([xc[:, t*HOP:t*HOP+N_FFT] * w for t in range(nfr)], axis=-1)
    z = np.fft.rfft(fr, axis=1) / np.sqrt(N_FFT)
    z = z[:, :-1, 2:2+le]
    return np.stack([z.real, z.imag], axis=1).reshape(-1, z.shape[1], z.shape[2])
def istft(spec, length):  # spec [2C, 2048, T] -> [C, length]  (HTDemucs._ispec + torch.istft)
    z = spec[0::2] + 1j * spec[1::2]
    z = np.pad(z, ((0, 0), (0, 1), (2, 2)))
    pad = HOP // 2 * 3; le = HOP * -(-length // HOP) + 2 * pad
    nfr = z.shape[-1]; full = (nfr - 1) * HOP + N_FFT
    y = np.zeros((z.shape[0], full)); env = np.zeros(full)
    for t in range(nfr):
        y[:, t*HOP:t*HOP+N_FFT] += np.fft.irfft(z[:, :, t], N_FFT, axis=1) * np.sqrt(N_FFT) * w
        env[t*HOP:t*HOP+N_FFT] += w ** 2
    y = y[:, N_FFT//2:N_FFT//2+le] / env[N_FFT//2:N_FFT//2+le]
    return y[:, pad:pad+length]
`;

if (pythonMissing) console.warn(`numpy reference tests skipped: ${pythonMissing}`);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'autoalex-numpy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const f64 = (b: Buffer) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const noise = (n: number, seed: number) =>
  Float32Array.from({ length: n }, (_, i) => ((Math.sin(i * 12.9898 + seed) * 43758.5453) % 1) * 0.8);

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return m / s;
}

describe.skipIf(pythonMissing)(
  `numpy reference${pythonMissing ? ` (skipped: ${pythonMissing})` : ''}`,
  { timeout: 120_000 },
  () => {
    it('STFT matches torch.stft semantics to 1e-6 relative', async () => {
      const mix = noise(2 * L, 1);
      await writeFile(join(dir, 'mix.f32'), mix);
      runPython(
        `${COMMON}
x = np.fromfile(sys.argv[1], '<f4').astype(np.float64).reshape(2, L)
stft(x).astype('<f8').tofile(sys.argv[2])`,
        [join(dir, 'mix.f32'), join(dir, 'spec.f64')],
      );
      const expected = f64(await readFile(join(dir, 'spec.f64')));
      const spec = new Float32Array(4 * plane);
      createStft(L).forward(mix, spec);
      expect(expected.length).toBe(spec.length);
      expect(relErr(spec, expected)).toBeLessThan(1e-6);
    });

    it('iSTFT of an arbitrary spectrogram matches torch.istft semantics to 1e-6 relative', async () => {
      const spec = noise(4 * plane, 2);
      await writeFile(join(dir, 'rand-spec.f32'), spec);
      runPython(
        `${COMMON}
s = np.fromfile(sys.argv[1], '<f4').astype(np.float64).reshape(4, 2048, -1)
istft(s, L).astype('<f8').tofile(sys.argv[2])`,
        [join(dir, 'rand-spec.f32'), join(dir, 'wave.f64')],
      );
      const expected = f64(await readFile(join(dir, 'wave.f64')));
      const out = new Float32Array(2 * L);
      const istft = createIstft(L);
      istft.inverse(spec, 0, plane, out, 0);
      istft.inverse(spec, 2 * plane, 3 * plane, out, L);
      expect(relErr(out, expected)).toBeLessThan(1e-6);
    });

    it('the whole-track procedure matches apply_model (TensorChunk, shift, weights) with a linear model', async () => {
      const n = 400_000;
      const left = tones(n, [[0.5, 0.0627, 0]]);
      const right = noise(n, 3).map((v, i) => v * 0.2 + 0.1 * Math.sin(i * 0.002));
      await writeFile(join(dir, 'track.f32'), Buffer.concat([Buffer.from(left.buffer), Buffer.from(right.buffer)]));
      const u = 0.37;
      const offset = Math.floor(u * 22_051); // randint(0, 22050) as the separator draws it
      runPython(
        `${COMMON}
x = np.fromfile(sys.argv[1], '<f4').astype(np.float64).reshape(2, -1)
offset = int(sys.argv[3]); a = np.array([2.0, -1.0])[:, None]; b = np.array([0.25, 0.5])[:, None]
def model(seg):  # HTDemucs as a linear map: wave_out = b*mix, spec_out = a*spec
    return b * seg + istft(a.repeat(2, 0)[:, :, None] * stft(seg), seg.shape[-1])
class TensorChunk:  # demucs/apply.py
    def __init__(self, tensor, offset=0, length=None):
        total = tensor.shape[-1] if not isinstance(tensor, TensorChunk) else tensor.length
        length = total - offset if length is None else min(total - offset, length)
        if isinstance(tensor, TensorChunk): self.tensor, self.offset = tensor.tensor, offset + tensor.offset
        else: self.tensor, self.offset = tensor, offset
        self.length = length
    def padded(self, target):
        delta = target - self.length; total = self.tensor.shape[-1]
        start = self.offset - delta // 2; end = start + target
        cs, ce = max(0, start), min(total, end)
        return np.pad(self.tensor[:, cs:ce], ((0, 0), (cs - start, end - ce)))
def split(mix):  # apply_model(split=True), mix a TensorChunk
    length = mix.length; seg = L; stride = int(0.75 * seg)
    out = np.zeros((2, length)); sw = np.zeros(length)
    weight = np.concatenate([np.arange(1, seg // 2 + 1), np.arange(seg - seg // 2, 0, -1)]).astype(np.float64)
    weight = weight / weight.max()
    for off in range(0, length, stride):
        chunk = TensorChunk(mix, off, seg)
        y = model(chunk.padded(seg))
        d = seg - chunk.length; y = y[:, d // 2: d // 2 + chunk.length]  # center_trim
        out[:, off:off + seg] += weight[:chunk.length] * y; sw[off:off + seg] += weight[:chunk.length]
    return out / sw
ref = x.mean(0); mean = ref.mean(); sd = ref.std(ddof=1) + 1e-8
wav = (x - mean) / sd
max_shift = 22050; length = wav.shape[-1]
padded = TensorChunk(wav).padded(length + 2 * max_shift)
shifted = TensorChunk(padded, offset, length + max_shift - offset)
y = split(shifted)[:, max_shift - offset:]
(y * sd + mean).astype('<f8').tofile(sys.argv[2])`,
        [join(dir, 'track.f32'), join(dir, 'track-out.f64'), String(offset)],
      );
      const expected = f64(await readFile(join(dir, 'track-out.f64')));
      const out = await separateTrack({
        channels: [left, right],
        stems: ['vocals'],
        shifts: 1,
        random: () => () => u,
        loadModel: async () => ({
          async run(mix, spec) {
            const specOut = new Float32Array(16 * plane);
            const waveOut = new Float32Array(8 * L);
            const k = STEMS.indexOf('vocals');
            for (let ch = 0; ch < 4; ch++) {
              const a = ch < 2 ? 2 : -1;
              for (let i = 0; i < plane; i++) specOut[(k * 4 + ch) * plane + i] = a * spec[ch * plane + i]!;
            }
            for (let c = 0; c < 2; c++) {
              for (let i = 0; i < L; i++) waveOut[(k * 2 + c) * L + i] = [0.25, 0.5][c]! * mix[c * L + i]!;
            }
            return { specOut, waveOut };
          },
          release: async () => {},
        }),
      });
      const [l, r] = out.get('vocals')!;
      expect(relErr(l, expected.subarray(0, n))).toBeLessThan(1e-5);
      expect(relErr(r, expected.subarray(n))).toBeLessThan(1e-5);
    });

    it('the hand-encoded ONNX model passes onnx.checker (full check) and decodes to the intended graph', async () => {
      const path = join(dir, 'fake.onnx');
      await writeFakeDemucsModel(path, {
        specGain: [
          [1, 2],
          [0, 0],
          [3, 3],
          [0.5, -1],
        ],
        waveGain: [
          [0, 1],
          [2, 2],
          [0, 0],
          [-1, 0.5],
        ],
      });
      const out = runPython(
        `
import sys, onnx
from onnx import numpy_helper
m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True)
g = m.graph
dims = lambda v: [d.dim_value for d in v.type.tensor_type.shape.dim]
print(m.ir_version, [(o.domain, o.version) for o in m.opset_import])
print([(v.name, dims(v)) for v in g.input]); print([(v.name, dims(v)) for v in g.output])
print([(n.op_type, list(n.input), list(n.output)) for n in g.node])
init = {t.name: numpy_helper.to_array(t) for t in g.initializer}
print(init['axes'].tolist(), init['spec_gain'].shape, init['spec_gain'][0, :, :, 0, 0].tolist())
print(init['wave_gain'][0, :, :, 0].tolist())`,
        [path],
      );
      expect(out.trim().split('\n')).toEqual([
        "8 [('', 17)]",
        "[('mix', [1, 2, 343980]), ('spec', [1, 4, 2048, 336])]",
        "[('spec_out', [1, 4, 4, 2048, 336]), ('wave_out', [1, 4, 2, 343980])]",
        "[('Unsqueeze', ['spec', 'axes'], ['spec_u']), ('Mul', ['spec_u', 'spec_gain'], ['spec_out']), ('Unsqueeze', ['mix', 'axes'], ['mix_u']), ('Mul', ['mix_u', 'wave_gain'], ['wave_out'])]",
        '[1] (1, 4, 4, 1, 1) [[1.0, 1.0, 2.0, 2.0], [0.0, 0.0, 0.0, 0.0], [3.0, 3.0, 3.0, 3.0], [0.5, 0.5, -1.0, -1.0]]',
        '[[0.0, 1.0], [2.0, 2.0], [0.0, 0.0], [-1.0, 0.5]]',
      ]);
    });
  },
);
