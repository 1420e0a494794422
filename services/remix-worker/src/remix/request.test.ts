import { describe, expect, it } from 'vitest';
import { chooseRemix, gainProblem } from './request.ts';

describe('chooseRemix', () => {
  it('fills in the defaults: boost +4 dB, reduce -60 dB, presets remove their stem', () => {
    expect(chooseRemix({ stem: 'bass', mode: 'boost' })).toEqual({ ok: true, spec: { stem: 'bass', gainDb: 4 } });
    expect(chooseRemix({ stem: 'drums', mode: 'reduce' })).toEqual({ ok: true, spec: { stem: 'drums', gainDb: -60 } });
    expect(chooseRemix({ preset: 'karaoke' })).toEqual({
      ok: true,
      spec: { stem: 'vocals', gainDb: -60, preset: 'karaoke' },
    });
    expect(chooseRemix({ preset: 'drumless' })).toMatchObject({ spec: { stem: 'drums' } });
    expect(chooseRemix({ preset: 'bassless' })).toMatchObject({ spec: { stem: 'bass' } });
    expect(chooseRemix({ stem: 'other', gainDb: -6 })).toEqual({ ok: true, spec: { stem: 'other', gainDb: -6 } });
  });

  it('refuses gains out of range with the range in the message', () => {
    expect(chooseRemix({ stem: 'bass', gainDb: 13 })).toEqual({
      ok: false,
      problem: 'a boost must be between +0.5 and +12 dB, not +13 dB',
    });
    expect(chooseRemix({ stem: 'bass', gainDb: -61 })).toEqual({
      ok: false,
      problem: 'a reduction must be between -60 and -0.5 dB, not -61 dB',
    });
    expect(chooseRemix({ stem: 'bass', gainDb: -3, mode: 'boost' })).toMatchObject({ ok: false });
    expect(chooseRemix({ stem: 'bass', gainDb: 0 })).toEqual({
      ok: false,
      problem: 'a gain of 0 dB would change nothing',
    });
    expect(chooseRemix({ preset: 'karaoke', gainDb: 3 })).toMatchObject({ ok: false });
  });

  it('names what is wrong with stems, presets and their combinations', () => {
    expect(chooseRemix({ stem: 'piano', mode: 'boost' })).toEqual({
      ok: false,
      problem: 'unknown stem "piano"; stems are drums, bass, other, vocals',
    });
    expect(chooseRemix({ preset: 'acapella' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('karaoke'),
    });
    expect(chooseRemix({ preset: 'karaoke', stem: 'vocals' })).toMatchObject({ ok: false });
    expect(chooseRemix({ preset: 'karaoke', mode: 'boost' })).toMatchObject({ ok: false });
    expect(chooseRemix({})).toMatchObject({ ok: false, problem: expect.stringContaining('choose a stem') });
    expect(chooseRemix({ stem: 'bass' })).toMatchObject({ ok: false, problem: expect.stringContaining('boost') });
  });
});

describe('gain problems', () => {
  it('refuses a gain that is not a number', () => {
    expect(gainProblem(Number.NaN, 'boost')).toBe('the gain must be a number of dB');
  });
});
