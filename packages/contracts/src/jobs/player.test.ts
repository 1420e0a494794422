import { describe, expect, it } from 'vitest';
import { examples } from '../examples.ts';
import { parseJob } from '../parse.ts';

describe('player jobs', () => {
  it('fills defaults', () => {
    expect(parseJob('player', 'play', examples.player.play).position).toBe('end');
    expect(parseJob('player', 'queue', examples.player.queue).page).toBe(1);
  });

  it('accepts every kind of playable', () => {
    for (const item of [
      { kind: 'plex-track', ratingKey: '48213' },
      { kind: 'plex-album', ratingKey: '9120' },
      { kind: 'song', songId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
      { kind: 'playlist', playlistId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
      { kind: 'file', storageKey: 'remix/a.mp3', title: 'Remix' },
    ]) {
      expect(parseJob('player', 'play', { ...examples.player.play, item }).item).toEqual(item);
    }
  });

  it.each([
    ['volume', { ...examples.player.volume, percent: 250 }, 'percent: '],
    ['volume', { ...examples.player.volume, percent: 50.5 }, 'percent: '],
    ['skip', { ...examples.player.skip, count: 0 }, 'count: '],
    ['loop', { ...examples.player.loop, mode: 'shuffle' }, 'mode: '],
    ['play', { ...examples.player.play, item: { kind: 'search', query: 'miles davis' } }, 'item.kind: '],
    ['join', { ...examples.player.join, voiceChannelId: undefined }, 'voiceChannelId: is required'],
    ['pause', { meta: examples.player.pause.meta }, 'guildId: is required'],
  ] as const)('rejects a bad %s', (name, payload, message) => {
    expect(() => parseJob('player', name, payload)).toThrow(message);
  });
});
