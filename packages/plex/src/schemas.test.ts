import { describe, expect, it } from 'vitest';
import { toTrack } from './map.ts';
import { container, trackSchema } from './schemas.ts';

const track = {
  ratingKey: '5206',
  key: '/library/metadata/5206',
  type: 'track',
  title: 'Take Five',
  parentRatingKey: '5103',
  grandparentRatingKey: '5003',
  parentTitle: 'Jazz Samples',
  grandparentTitle: 'Various Artists',
  originalTitle: 'The Dave Brubeck Quartet',
  duration: 324000,
  Media: [{ id: 1, Part: [{ id: 90005, key: '/library/parts/90005/1700005206/file.flac', container: 'flac' }] }],
  somethingNew: { kept: true },
};

describe('trackSchema', () => {
  it('keeps unknown fields and reads what the suite uses', () => {
    const parsed = trackSchema.parse(track);
    expect(parsed.somethingNew).toEqual({ kept: true });
    expect(toTrack(parsed)).toMatchObject({
      artist: 'The Dave Brubeck Quartet',
      albumArtist: 'Various Artists',
      parts: [{ id: '90005', key: '/library/parts/90005/1700005206/file.flac', container: 'flac' }],
    });
  });

  it('accepts numbers sent as strings and rating keys sent as numbers (XML converted by a proxy)', () => {
    const parsed = trackSchema.parse({ ...track, ratingKey: 5206, duration: '324000', index: '1' });
    expect(parsed.ratingKey).toBe('5206');
    expect(parsed.duration).toBe(324000);
    expect(parsed.index).toBe(1);
  });

  it("uses the album's image when the track has none of its own", () => {
    const withAlbumThumb = { ...track, parentThumb: '/library/metadata/5103/thumb/1700000000' };
    expect(toTrack(trackSchema.parse(withAlbumThumb)).thumb).toBe('/library/metadata/5103/thumb/1700000000');
    const own = { ...withAlbumThumb, thumb: '/library/metadata/5206/thumb/1700000001' };
    expect(toTrack(trackSchema.parse(own)).thumb).toBe('/library/metadata/5206/thumb/1700000001');
  });

  it('cleans control characters out of every string Plex sends (ADR 0228)', () => {
    const parsed = trackSchema.parse({
      ...track,
      ratingKey: '52\u000006',
      title: 'Take\u0000 Five\u0007',
      grandparentTitle: 'Various\nArtists',
      originalTitle: 'Dave\u001B[31m Brubeck\uD800',
      summary: 'Line one\r\nline two\u0000',
      Guid: [{ id: 'mbid://\u0000abc' }],
    });
    expect(parsed).toMatchObject({
      ratingKey: '5206',
      title: 'Take Five',
      grandparentTitle: 'Various Artists',
      originalTitle: 'Dave[31m Brubeck',
      summary: 'Line one\nline two',
      Guid: [{ id: 'mbid://abc' }],
    });
  });

  it('an empty originalTitle means no separate track artist', () => {
    expect(toTrack(trackSchema.parse({ ...track, originalTitle: '' })).trackArtist).toBeUndefined();
  });

  it('refuses a track without its album, or with nonsense numbers', () => {
    const { parentRatingKey: _drop, ...orphan } = track;
    expect(trackSchema.safeParse(orphan).success).toBe(false);
    expect(trackSchema.safeParse({ ...track, duration: 'long' }).success).toBe(false);
    expect(trackSchema.safeParse({ ...track, ratingKey: '' }).success).toBe(false);
  });

  it('a container without its list is an empty list', () => {
    expect(
      container('Metadata', trackSchema).parse({ MediaContainer: { size: 0 } }).MediaContainer.Metadata,
    ).toBeUndefined();
  });
});
