import { describe, expect, it } from 'vitest';
import { activitySessionSchema, historyRowSchema, userSchema } from './schemas.ts';

describe('Tautulli schemas', () => {
  it('activity numbers-as-strings become numbers, "" becomes null, rating keys strings', () => {
    const session = activitySessionSchema.parse({
      session_key: 42,
      media_type: 'track',
      user: 'alice_plex',
      user_id: '1001',
      friendly_name: 'Alice',
      full_title: 'So What - Miles Davis',
      title: 'So What',
      rating_key: '5201',
      parent_rating_key: 5101,
      grandparent_rating_key: '',
      player: 'Pixel 8',
      product: 'Plexamp',
      platform: 'Android',
      state: 'playing',
      progress_percent: '21',
      view_offset: '',
      duration: '562000',
      transcode_decision: 'direct play',
      bandwidth: '1500',
      location: 'lan',
    });
    expect(session).toMatchObject({
      session_key: '42',
      user_id: 1001,
      parent_rating_key: '5101',
      grandparent_rating_key: null,
      progress_percent: 21,
      view_offset: null,
      bandwidth: 1500,
    });
  });

  it('cleans control characters out of every string Tautulli sends (ADR 0228)', () => {
    const user = userSchema.parse({ user_id: 7, username: 'ali\u0000ce', friendly_name: 'Alice\u0007\nPlex' });
    expect(user).toMatchObject({ username: 'alice', friendly_name: 'Alice Plex' });
  });

  it('history rows must carry their ids and times as numbers', () => {
    const bad = historyRowSchema.safeParse({ row_id: '1' });
    expect(bad.success).toBe(false);
  });
});
