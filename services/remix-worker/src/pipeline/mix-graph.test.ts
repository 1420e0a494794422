import { describe, expect, it } from 'vitest';
import { LIMIT, remixFilterGraph } from './mix-graph.ts';

describe('remixFilterGraph', () => {
  it('scales the stem by (gain − 1), sums without normalisation and limits without auto-level', () => {
    const graph = remixFilterGraph(-60);
    expect(graph).toBe(
      '[1:a]volume=volume=-0.999000000:precision=float[stem];' +
        '[0:a][stem]amix=inputs=2:duration=first:dropout_transition=0:normalize=0,' +
        `alimiter=limit=${LIMIT.toPrecision(6)}:level=disabled:latency=enabled:attack=5:release=50[out]`,
    );
    expect(remixFilterGraph(6)).toContain('volume=volume=0.995262315');
    expect(() => remixFilterGraph(Number.NaN)).toThrow(RangeError);
  });

  it('decodes the source in the graph on a cache hit, as decodeToStereoFloatFile does', () => {
    expect(remixFilterGraph(-60, { sourceChannels: 1 })).toMatch(
      /^\[0:a:0\]pan=stereo\|c0=c0\|c1=c0,aresample=44100,aformat=sample_fmts=flt:channel_layouts=stereo\[mix\];\[1:a\]volume=.*\[stem\];\[mix\]\[stem\]amix=/,
    );
    expect(remixFilterGraph(-60, { sourceChannels: 6 })).toContain('pan=stereo|c0=c0|c1=c1,');
  });
});
