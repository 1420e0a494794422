import type { FakeLibraryDescription } from './library.ts';

/**
 * The household the recorded Tautulli fixtures (packages/tautulli/fixtures/) were made from: users 1001
 * alice_plex and 1002 bob_plex, Miles Davis (5001, Kind of Blue 5101, tracks 5201–5203) and John
 * Coltrane (5002, Blue Train 5102, tracks 5204–5205) in music section 3, and the ten plays of the
 * recording, 15 minutes apart. The fake Tautulli seeded with it answers the recorded queries with
 * the recorded rows. Added here, not in the recording: a compilation with track artists (5003),
 * a movie section, MusicBrainz ids (synthetic) and the users' tokens.
 * Returns a fresh copy each call.
 */
export function sampleLibrary(): FakeLibraryDescription {
  const firstPlay = 1794976596;
  const plays: [user: number, track: number][] = [
    [1001, 5201],
    [1001, 5202],
    [1001, 5203],
    [1002, 5201],
    [1002, 5202],
    [1002, 5203],
    [1001, 5204],
    [1001, 5205],
    [1002, 5204],
    [1002, 5205],
  ];
  return {
    server: { name: 'Fake PMS', machineIdentifier: '0123456789abcdef0123456789abcdef01234567' },
    sections: [
      { id: 1, title: 'Movies', type: 'movie' },
      {
        id: 3,
        title: 'Music',
        type: 'artist',
        artists: [
          {
            key: 5001,
            title: 'Miles Davis',
            mbid: '00000000-0000-4000-8000-000000005001',
            albums: [
              {
                key: 5101,
                title: 'Kind of Blue',
                year: 1959,
                released: '1959-08-17',
                studio: 'Columbia',
                mbid: '00000000-0000-4000-8000-000000005101',
                tracks: [
                  { key: 5201, title: 'So What', duration: 562, mbid: '00000000-0000-4000-8000-000000005201' },
                  { key: 5202, title: 'Freddie Freeloader', duration: 586 },
                  { key: 5203, title: 'Blue in Green', duration: 337 },
                ],
              },
            ],
          },
          {
            key: 5002,
            title: 'John Coltrane',
            mbid: '00000000-0000-4000-8000-000000005002',
            albums: [
              {
                key: 5102,
                title: 'Blue Train',
                year: 1958,
                released: '1958-01-01',
                studio: 'Blue Note',
                tracks: [
                  { key: 5204, title: 'Blue Train', duration: 643 },
                  { key: 5205, title: "Moment's Notice", duration: 550 },
                ],
              },
            ],
          },
          {
            key: 5003,
            title: 'Various Artists',
            albums: [
              {
                key: 5103,
                title: 'Jazz Samples',
                year: 2001,
                tracks: [
                  { key: 5206, title: 'Take Five', duration: 324, artist: 'The Dave Brubeck Quartet' },
                  { key: 5207, title: "'Round Midnight", duration: 190, artist: 'Thelonious Monk' },
                ],
              },
            ],
          },
        ],
      },
    ],
    users: [
      { id: 1001, username: 'alice_plex', friendly: 'Alice', token: 'alice-plex-token', admin: true },
      { id: 1002, username: 'bob_plex', friendly: 'Bob', token: 'bob-plex-token' },
    ],
    plays: plays.map(([user, track], i) => ({ user, track, at: firstPlay + i * 900 })),
  };
}
