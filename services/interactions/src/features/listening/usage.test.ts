import type { OutgoingMessage } from '@autoalex/discord';
import type { UsageResult } from '@autoalex/listening';
import { describe, expect, it } from 'vitest';
import { command, fakeDeps, fakeLibrary, recordingLogger } from '../../../test/support/fake-deps.ts';
import { handleInteraction } from '../../dispatch/handle-interaction.ts';

const stream = {
  user: 'Alice',
  mediaType: 'track',
  title: 'Miles Davis – So What',
  album: 'Kind of Blue',
  player: 'Pixel 8 (Plexamp)',
  platform: 'Android',
  state: 'playing',
  decision: 'direct play' as const,
  quality: 'FLAC 1411 kbps',
  progress: 21,
  position: '1:58 / 9:22',
  bandwidthKbps: 1500,
  location: 'lan',
};
const activity: UsageResult = {
  kind: 'activity',
  streams: [
    stream,
    { ...stream, user: 'Bob', state: 'paused', title: 'John Coltrane – Blue Train', album: 'Blue Train' },
  ],
  totals: { streams: 2, directPlays: 2, directStreams: 0, transcodes: 0, bandwidthKbps: 3000 },
};

function deps(result: UsageResult, kind: 'discord' | 'console' = 'discord') {
  return fakeDeps(
    {
      usage: { configured: true, read: async () => result },
      library: fakeLibrary({
        findPlexUser: async (text) =>
          text === 'bob'
            ? { kind: 'found', plexUserId: 1002, name: 'Bob', username: 'bob_plex' }
            : { kind: 'not-found', text, suggestions: [] },
      }),
    },
    { kind },
  );
}

function edit(d: ReturnType<typeof fakeDeps>): OutgoingMessage {
  return d.responder.calls.find((c) => c.method === 'editOriginal')?.arg as OutgoingMessage;
}

describe('/usage', () => {
  it('is honest when Tautulli is not configured, without deferring', async () => {
    const d = fakeDeps();
    expect(await handleInteraction(d, command('usage'), recordingLogger())).toBe('rejected');
    expect(d.responder.calls[0]).toEqual({
      method: 'reply',
      arg: {
        content: 'Tautulli is not configured: set TAUTULLI_URL and TAUTULLI_API_KEY to see who is playing.',
        ephemeral: true,
      },
    });
  });

  it('defers, then shows every stream as an embed field', async () => {
    const d = deps(activity);
    expect(await handleInteraction(d, command('usage'), recordingLogger())).toBe('ok');
    expect(d.responder.calls.map((c) => c.method)).toEqual(['defer', 'editOriginal', 'complete']);
    const [embed] = edit(d).embeds ?? [];
    expect(embed?.title).toBe('Now playing — 2 streams, 2 direct play, 3.0 Mbps');
    expect(embed?.fields?.map((f) => f.name)).toEqual(['▶ Alice', '⏸ Bob']);
    expect(embed?.fields?.[0]?.value).toBe(
      [
        '**Miles Davis – So What**',
        'Kind of Blue',
        'Pixel 8 (Plexamp) on Android · direct play · FLAC 1411 kbps',
        '`███▍░░░░░░░░░░░░` 21 % (1:58 / 9:22)',
      ].join('\n'),
    );
  });

  it('shows only the streams of the user asked for, or says that user plays nothing', async () => {
    const d = deps(activity);
    await handleInteraction(d, command('usage', [{ name: 'user', type: 3, value: 'bob' }]), recordingLogger());
    const [embed] = edit(d).embeds ?? [];
    expect(embed?.title).toBe('Now playing — 1 stream, 1 direct play, 1.5 Mbps');
    expect(embed?.fields?.map((f) => f.name)).toEqual(['⏸ Bob']);

    const quiet = deps({ ...activity, streams: activity.streams.slice(0, 1) });
    await handleInteraction(quiet, command('usage', [{ name: 'user', type: 3, value: 'bob' }]), recordingLogger());
    expect(edit(quiet)).toEqual({ content: 'Bob is not playing anything right now (1 other stream).' });
  });

  it('has a sentence for each state, and an error outcome when Tautulli cannot tell', async () => {
    const cases: [UsageResult, string, 'ok' | 'rejected'][] = [
      [{ kind: 'nothing-playing' }, 'Nothing is playing right now.', 'ok'],
      [
        { kind: 'unreachable', reason: 'Tautulli is unreachable (ECONNREFUSED)' },
        'Tautulli is unreachable right now (Tautulli is unreachable (ECONNREFUSED)).',
        'rejected',
      ],
      [
        { kind: 'no-plex-connection' },
        'Tautulli is up but has no connection to Plex, so it cannot tell what is playing.',
        'rejected',
      ],
    ];
    for (const [result, sentence, outcome] of cases) {
      const d = deps(result);
      expect(await handleInteraction(d, command('usage'), recordingLogger())).toBe(outcome);
      expect(edit(d).embeds?.[0]?.description).toBe(sentence);
      const onConsole = deps(result, 'console');
      await handleInteraction(onConsole, command('usage'), recordingLogger());
      expect(edit(onConsole)).toEqual({ content: sentence });
    }
  });
});
