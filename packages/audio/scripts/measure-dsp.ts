// Host-side cost per 7.8 s segment: the STFT of the stereo mix plus the iSTFT of one source
// (what the separator does around each model call). Run: node packages/audio/scripts/measure-dsp.ts
import { BINS, createIstft, createStft, frameCount, SEGMENT_LENGTH } from '../src/dsp/index.ts';

const L = SEGMENT_LENGTH;
const plane = BINS * frameCount(L);
const stft = createStft(L);
const istft = createIstft(L);
const mix = Float32Array.from({ length: 2 * L }, (_, i) => Math.sin(i * 0.01) + 0.1 * Math.sin(i * 1.7));
const spec = new Float32Array(4 * plane);
const out = new Float32Array(2 * L);
const runs = Number(process.argv[2] ?? 15);
const times = { stft: [] as number[], istft: [] as number[] };
for (let r = 0; r < runs + 3; r++) {
  const t0 = performance.now();
  stft.forward(mix, spec);
  const t1 = performance.now();
  istft.inverse(spec, 0, plane, out, 0);
  istft.inverse(spec, 2 * plane, 3 * plane, out, L);
  const t2 = performance.now();
  if (r >= 3) {
    times.stft.push(t1 - t0);
    times.istft.push(t2 - t1);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = median(times.stft);
const i = median(times.istft);
console.log(
  `per segment (median of ${runs}): STFT ${s.toFixed(1)} ms, iSTFT ${i.toFixed(1)} ms, total ${(s + i).toFixed(1)} ms`,
);
