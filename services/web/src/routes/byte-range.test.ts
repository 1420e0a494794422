import { describe, expect, it } from 'vitest';
import { chooseRange } from './byte-range.ts';

describe('chooseRange', () => {
  it('sends the whole blob without a Range header, or for one it does not take', () => {
    for (const header of [
      undefined,
      'items=0-5',
      'bytes=0-5,10-20',
      'bytes=5',
      'bytes=a-b',
      'bytes=-',
      'bytes=9-3',
      'bytes=1e3-',
      'bytes=-1.5',
    ]) {
      expect(chooseRange(header, 100), String(header)).toEqual({ kind: 'whole' });
    }
  });

  it('reads first-last, first- and -suffix, clipped to the blob', () => {
    expect(chooseRange('bytes=0-9', 100)).toEqual({ kind: 'part', start: 0, end: 9 });
    expect(chooseRange('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(chooseRange('bytes=90-500', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(chooseRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(chooseRange('bytes=-500', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(chooseRange(' Bytes = 5 - 5 ', 100)).toEqual({ kind: 'part', start: 5, end: 5 });
  });

  it('refuses a range that starts past the end, and any range of an empty blob', () => {
    expect(chooseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(chooseRange('bytes=200-300', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(chooseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(chooseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(chooseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
