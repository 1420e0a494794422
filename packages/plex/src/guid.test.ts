import { describe, expect, it } from 'vitest';
import { musicBrainzId } from './guid.ts';

describe('musicBrainzId', () => {
  it('finds the mbid among other ids, lower-cased', () => {
    expect(
      musicBrainzId([
        { id: 'plex://artist/5d07bbfc403c6402904a60e7' },
        { id: 'mbid://561D854A-6A28-4AA7-8C99-323E6CE46C2A' },
      ]),
    ).toBe('561d854a-6a28-4aa7-8c99-323e6ce46c2a');
  });

  it('ignores malformed or missing ids', () => {
    expect(musicBrainzId(undefined)).toBeUndefined();
    expect(musicBrainzId([{ id: 'mbid://not-a-uuid' }, { id: 'imdb://tt0000001' }])).toBeUndefined();
  });
});
