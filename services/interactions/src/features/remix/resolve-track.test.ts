import { describe, expect, it } from 'vitest';
import { resolveTrack, type TrackCandidate } from './resolve-track.ts';

const tracks: TrackCandidate[] = [
  { ratingKey: '5221', title: 'Blue Train', artist: 'John Coltrane', album: 'Blue Train' },
  { ratingKey: '5203', title: 'Blue in Green', artist: 'Miles Davis', album: 'Kind of Blue' },
  { ratingKey: '5201', title: 'So What', artist: 'Miles Davis', album: 'Kind of Blue' },
  { ratingKey: '6201', title: 'So What', artist: 'Someone Else', album: null },
];
const trackSearch = {
  search: async (text: string) => tracks.filter((t) => t.title.toLowerCase().includes(text.toLowerCase())),
};

describe('resolveTrack', () => {
  it('takes a rating key as it is, an exact title only one track has, or the only match', async () => {
    expect(await resolveTrack(trackSearch, '99999')).toEqual({ kind: 'found', ratingKey: '99999', track: undefined });
    expect(await resolveTrack(trackSearch, 'blue train')).toMatchObject({ kind: 'found', ratingKey: '5221' });
    expect(await resolveTrack(trackSearch, 'green')).toMatchObject({ kind: 'found', ratingKey: '5203' });
  });

  it('shows the candidates when several match, and says when nothing does', async () => {
    expect(await resolveTrack(trackSearch, 'so what')).toEqual({
      kind: 'ambiguous',
      text: 'so what',
      suggestions: ['So What — Miles Davis (Kind of Blue)', 'So What — Someone Else'],
    });
    expect(await resolveTrack(trackSearch, 'blue')).toMatchObject({ kind: 'ambiguous' });
    expect(await resolveTrack(trackSearch, 'nothing like it')).toEqual({
      kind: 'not-found',
      text: 'nothing like it',
      suggestions: [],
    });
  });
});
