import { describe, expect, it } from 'vitest';
import { type PlexUserCandidate, resolvePlexUser } from './resolve-plex-user.ts';

const users: PlexUserCandidate[] = [
  { plexUserId: 0, username: 'Local', friendlyName: 'Local' },
  { plexUserId: 1001, username: 'alice_plex', friendlyName: 'Alice' },
  { plexUserId: 1002, username: 'bob_plex', friendlyName: 'Bob' },
  { plexUserId: 1003, username: 'bobby', friendlyName: null },
];
const userSearch = {
  byIds: async (ids: readonly number[]) => users.filter((u) => ids.includes(u.plexUserId)),
  search: async (text: string) =>
    users.filter((u) => `${u.username} ${u.friendlyName ?? ''}`.toLowerCase().includes(text.toLowerCase())),
};

describe('resolvePlexUser', () => {
  it('takes a picked id, an exact username or friendly name, or the only user a text matches', async () => {
    expect(await resolvePlexUser(userSearch, '1001')).toEqual({
      kind: 'found',
      plexUserId: 1001,
      name: 'Alice',
      username: 'alice_plex',
    });
    expect(await resolvePlexUser(userSearch, '0')).toMatchObject({ kind: 'found', plexUserId: 0 });
    expect(await resolvePlexUser(userSearch, ' ALICE ')).toMatchObject({ kind: 'found', plexUserId: 1001 });
    expect(await resolvePlexUser(userSearch, 'bob')).toMatchObject({ kind: 'found', plexUserId: 1002 });
    expect(await resolvePlexUser(userSearch, 'BOBBY')).toMatchObject({
      kind: 'found',
      plexUserId: 1003,
      name: 'bobby',
    });
    expect(await resolvePlexUser(userSearch, 'ali')).toMatchObject({ kind: 'found', plexUserId: 1001 });
  });

  it('lists close names when the text is ambiguous or unknown', async () => {
    expect(await resolvePlexUser(userSearch, '_plex')).toEqual({
      kind: 'not-found',
      text: '_plex',
      suggestions: ['Alice (alice_plex)', 'Bob (bob_plex)'],
    });
    expect(await resolvePlexUser(userSearch, '4242')).toEqual({ kind: 'not-found', text: '4242', suggestions: [] });
    expect(await resolvePlexUser(userSearch, '   ')).toEqual({ kind: 'not-found', text: '', suggestions: [] });
  });
});
