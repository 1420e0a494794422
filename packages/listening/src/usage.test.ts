import type { ActivitySession } from '@autoalex/tautulli';
import { describe, expect, it } from 'vitest';
import { renderUsageText } from './text/usage-text.ts';
import { usage, usageView } from './usage.ts';

function session(fields: Partial<ActivitySession> & Record<string, unknown> = {}): ActivitySession {
  return {
    session_key: '42',
    media_type: 'track',
    user: 'alice_plex',
    user_id: 1001,
    friendly_name: 'Alice',
    full_title: 'So What - Miles Davis',
    title: 'So What',
    parent_title: 'Kind of Blue',
    grandparent_title: 'Miles Davis',
    original_title: '',
    rating_key: '5201',
    parent_rating_key: '5101',
    grandparent_rating_key: '5001',
    player: 'Pixel 8',
    product: 'Plexamp',
    platform: 'Android',
    state: 'playing',
    progress_percent: 21,
    view_offset: 120000,
    duration: 562000,
    transcode_decision: 'direct play',
    stream_audio_codec: 'flac',
    stream_audio_bitrate: '1411',
    bandwidth: 1500,
    location: 'lan',
    ...fields,
  } as ActivitySession;
}

describe('usageView', () => {
  it('tells no Plex connection, nothing playing and activity apart', () => {
    expect(usageView({ connected: false })).toEqual({ kind: 'no-plex-connection' });
    expect(usageView({ connected: true, streamCount: 0, sessions: [], totalBandwidth: 0 })).toEqual({
      kind: 'nothing-playing',
    });
  });

  it('formats music as "artist – track" with player, decision, quality and position', () => {
    const result = usageView({
      connected: true,
      streamCount: 2,
      totalBandwidth: 1820,
      sessions: [
        session(),
        session({
          friendly_name: '',
          user: 'bob_plex',
          title: 'Impressions',
          original_title: 'John Coltrane',
          grandparent_title: 'Various Artists',
          transcode_decision: 'transcode',
          audio_codec: 'flac',
          stream_audio_codec: 'mp3',
          stream_audio_bitrate: '320',
          state: 'paused',
          product: 'Pixel 8',
        }),
      ],
    });
    if (result.kind !== 'activity') throw new Error(result.kind);
    expect(result.streams[0]).toMatchObject({
      user: 'Alice',
      title: 'Miles Davis – So What',
      album: 'Kind of Blue',
      player: 'Pixel 8 (Plexamp)',
      decision: 'direct play',
      quality: 'FLAC 1411 kbps',
      progress: 21,
      position: '2:00 / 9:22',
    });
    expect(result.streams[1]).toMatchObject({
      user: 'bob_plex',
      title: 'John Coltrane – Impressions',
      player: 'Pixel 8',
      state: 'paused',
      decision: 'transcode',
      quality: 'FLAC → MP3 320 kbps',
    });
    expect(result.totals).toEqual({ streams: 2, directPlays: 1, directStreams: 0, transcodes: 1, bandwidthKbps: 1820 });
    const text = renderUsageText(result);
    expect(text).toContain('▶ Alice: Miles Davis – So What');
    expect(text).toContain('⏸ bob_plex: John Coltrane – Impressions');
    expect(text).toContain('2 streams, 1 direct play, 1 transcode, 1.8 Mbps');
  });

  it('shows other media by their full title', () => {
    const result = usageView({
      connected: true,
      streamCount: 1,
      totalBandwidth: undefined,
      sessions: [session({ media_type: 'episode', full_title: 'Show - S01E01', title: 'Pilot', view_offset: null })],
    });
    if (result.kind !== 'activity') throw new Error(result.kind);
    expect(result.streams[0]).toMatchObject({ title: 'Show - S01E01', album: undefined, position: undefined });
  });
});

describe('usage', () => {
  it('is not-configured without Tautulli and unreachable when the call fails', async () => {
    expect(await usage({ tautulli: undefined })).toEqual({ kind: 'not-configured' });
    expect(
      await usage({
        tautulli: {
          activity: async () => {
            throw new Error('Tautulli get_activity: connection refused');
          },
        },
      }),
    ).toEqual({ kind: 'unreachable', reason: 'Tautulli get_activity: connection refused' });
  });
});
