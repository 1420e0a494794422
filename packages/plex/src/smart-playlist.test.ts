import { describe, expect, it } from 'vitest';
import { withQuery } from './query.ts';
import { topRatedUri } from './smart-playlist.ts';

describe('topRatedUri', () => {
  it('encodes the filter operators once inside the uri', () => {
    expect(topRatedUri('abc123', '3', 8)).toBe(
      'server://abc123/com.plexapp.plugins.library/library/sections/3/all?type=10&sort=track.userRating%3Adesc&track.userRating%3E%3E=8',
    );
  });

  it('is encoded a second time as the uri query value', () => {
    const url = withQuery('/playlists', { uri: topRatedUri('abc123', '3', 8) });
    expect(url).toContain('sort%3Dtrack.userRating%253Adesc');
    expect(url).toContain('track.userRating%253E%253E%3D8');
    expect(url).not.toMatch(/[:>]/);
    // One decoding (what a server does with a query value) gives back the uri.
    expect(new URLSearchParams(url.split('?')[1]).get('uri')).toBe(topRatedUri('abc123', '3', 8));
  });
});
