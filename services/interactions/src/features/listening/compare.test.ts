import type { OutgoingMessage } from '@autoalex/discord';
import { compareView } from '@autoalex/listening/testing';
import { describe, expect, it } from 'vitest';
import { command, fakeDeps, fakeLibrary, firstMessage, recordingLogger } from '../../../test/support/fake-deps.ts';
import { handleInteraction } from '../../dispatch/handle-interaction.ts';
import type { PlexUserLookup } from './resolve-plex-user.ts';

const options = (a: string, b: string, artist = 'Miles Davis') => [
  { name: 'artist', type: 3, value: artist },
  { name: 'user1', type: 3, value: a },
  { name: 'user2', type: 3, value: b },
];

const users: Record<string, PlexUserLookup> = {
  '1001': { kind: 'found', plexUserId: 1001, name: 'Alice', username: 'alice_plex' },
  alice_plex: { kind: 'found', plexUserId: 1001, name: 'Alice', username: 'alice_plex' },
  bob: { kind: 'found', plexUserId: 1002, name: 'Bob', username: 'bob_plex' },
};
const findPlexUser = async (text: string): Promise<PlexUserLookup> =>
  users[text] ?? { kind: 'not-found', text, suggestions: [] };

describe('/compare', () => {
  it('compares two Plex users and answers with the card', async () => {
    const asked: unknown[] = [];
    const deps = fakeDeps({
      library: fakeLibrary({
        findPlexUser,
        compare: async (input) => {
          asked.push(input);
          return compareView;
        },
      }),
    });
    expect(await handleInteraction(deps, command('compare', options('1001', 'bob')), recordingLogger())).toBe('ok');
    expect(asked).toEqual([{ artist: 'Miles Davis', userA: 1001, userB: 1002 }]);
    const edit = deps.responder.calls.find((c) => c.method === 'editOriginal')?.arg as OutgoingMessage;
    expect(edit.files?.map((f) => f.name)).toEqual(['compare.png']);
    expect(edit.embeds?.[0]).toMatchObject({
      title: 'Alice vs Bob — Miles Davis',
      description: [
        'Alice: **83.3 %** — 5/6 tracks, 1 album finished',
        'Bob: **33.3 %** — 2/6 tracks, 1 album finished',
        'Alice leads by 3 tracks.',
      ].join('\n'),
      image: { url: 'attachment://compare.png' },
    });
  });

  it('refuses the same Plex user under two names', async () => {
    const deps = fakeDeps({ library: fakeLibrary({ findPlexUser }) });
    expect(await handleInteraction(deps, command('compare', options('1001', 'alice_plex')), recordingLogger())).toBe(
      'rejected',
    );
    expect(deps.responder.calls[0]?.arg).toEqual({
      content: 'user1 and user2 are both Alice — pick two different Plex users.',
      ephemeral: true,
    });
  });

  it('names the user it does not know, and the unknown artist', async () => {
    const unknownUser = fakeDeps({ library: fakeLibrary({ findPlexUser }) });
    await handleInteraction(unknownUser, command('compare', options('bob', 'zed')), recordingLogger());
    expect(firstMessage(unknownUser.responder).content).toMatch(/^"zed" is not a Plex user/);

    const unknownArtist = fakeDeps({ library: fakeLibrary({ findPlexUser }) });
    await handleInteraction(unknownArtist, command('compare', options('bob', '1001', 'Nobody')), recordingLogger());
    expect(unknownArtist.responder.calls[0]?.arg).toEqual({
      content: '"Nobody" is not an artist in the Plex library.',
      ephemeral: true,
    });
  });

  it('leaves the same name typed twice to the catalogue rule', async () => {
    const deps = fakeDeps({ library: fakeLibrary({ findPlexUser }) });
    await handleInteraction(deps, command('compare', options('Bob', 'bob')), recordingLogger());
    expect(firstMessage(deps.responder).content).toBe('/compare: user1 and user2 must be two different people.');
  });
});
