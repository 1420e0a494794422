import { describe, expect, it } from 'vitest';
import { SEGMENT_LENGTH } from './constants.ts';
import { chunkReadStart, createOverlapAdd, planChunks, readSegment, trackView, transitionWeights } from './segments.ts';

describe('planChunks', () => {
  it('steps by int(0.75·L) = 257985 and trims the last chunk', () => {
    expect(planChunks(441_000)).toEqual([
      { offset: 0, length: SEGMENT_LENGTH },
      { offset: 257_985, length: 441_000 - 257_985 },
    ]);
    expect(planChunks(100)).toEqual([{ offset: 0, length: 100 }]);
    // A 4-minute track: 42 calls per model (docs/demucs.md).
    expect(planChunks(240 * 44_100)).toHaveLength(42);
    expect(planChunks(240 * 44_100, SEGMENT_LENGTH, 0.1)).toHaveLength(35);
  });

  it('rejects an overlap outside [0, 1)', () => {
    expect(() => planChunks(1000, 100, 1)).toThrow(/overlap/);
    expect(() => planChunks(1000, 100, -0.1)).toThrow(/overlap/);
  });
});

describe('transitionWeights', () => {
  it('rises i+1, falls L−i, divided by L/2', () => {
    const w = transitionWeights();
    const half = SEGMENT_LENGTH / 2;
    expect(w).toHaveLength(SEGMENT_LENGTH);
    expect(w[0]).toBeCloseTo(1 / half, 12);
    expect(w[99]).toBeCloseTo(100 / half, 9);
    expect(w[half - 1]).toBe(1);
    expect(w[half]).toBe(1);
    expect(w[SEGMENT_LENGTH - 1]).toBeCloseTo(1 / half, 12);
    expect(transitionWeights(6)).toEqual(Float32Array.from([1, 2, 3, 3, 2, 1].map((v) => v / 3)));
    // Odd length: arange(1, L//2 + 1) then arange(L − L//2, 0, −1), over the maximum.
    expect(transitionWeights(5)).toEqual(Float32Array.from([1, 2, 3, 2, 1].map((v) => v / 3)));
  });
});

describe('readSegment', () => {
  const ch = (n: number, base: number) => Float32Array.from({ length: n }, (_, i) => base + i);

  it('centres a short chunk in the window with real audio around it and zeros outside the track', () => {
    const view = trackView([ch(20, 100), ch(20, 200)]);
    const chunk = { offset: 15, length: 5 }; // last chunk of a 20-sample track, window 9
    expect(chunkReadStart(chunk, 9)).toBe(13);
    const out = new Float32Array(18);
    readSegment(view, chunk, out, 9);
    expect([...out]).toEqual([113, 114, 115, 116, 117, 118, 119, 0, 0, 213, 214, 215, 216, 217, 218, 219, 0, 0]);
  });

  it('reads the shift lead as zeros', () => {
    const view = trackView([ch(4, 1), ch(4, 11)], 3);
    expect(view.length).toBe(7);
    const out = new Float32Array(12);
    readSegment(view, { offset: 0, length: 6 }, out, 6);
    expect([...out]).toEqual([0, 0, 0, 1, 2, 3, 0, 0, 0, 11, 12, 13]);
  });
});

describe('createOverlapAdd', () => {
  it('returns a constant when every chunk says that constant (weights divide out)', () => {
    const L = 8;
    const chunks = planChunks(21, L, 0.25);
    const ola = createOverlapAdd(2, 21, L);
    for (const c of chunks) ola.add(c, new Float32Array(2 * L).fill(3));
    const [a, b] = ola.finish();
    expect(a!.every((v) => Math.abs(v - 3) < 1e-6)).toBe(true);
    expect(b!.every((v) => Math.abs(v - 3) < 1e-6)).toBe(true);
  });

  it('takes the centred part of a short chunk and blends with the triangular weights', () => {
    const L = 4;
    const ola = createOverlapAdd(1, 5, L);
    ola.add({ offset: 0, length: 4 }, Float32Array.from([1, 1, 1, 1]));
    // Chunk at 3 of length 2: window starts at 3 − 1; its samples 1..2 are the chunk's.
    ola.add({ offset: 3, length: 2 }, Float32Array.from([9, 5, 5, 9]));
    const [out] = ola.finish();
    // Weights [1, 2, 2, 1]/2; sample 3: (1·1 + 5·1)/(1 + 1) = 3; sample 4: only the second chunk.
    expect([...out!]).toEqual([1, 1, 1, 3, 5]);
  });

  it('refuses to divide where no chunk landed', () => {
    const ola = createOverlapAdd(1, 5, 4);
    ola.add({ offset: 0, length: 4 }, new Float32Array(4));
    expect(() => ola.finish()).toThrow(/no chunk/);
  });
});
