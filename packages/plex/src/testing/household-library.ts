import type { FakeLibraryDescription } from './library.ts';

/**
 * A Plex household for the listening features (library sync, completion, compare), chosen so that
 * each completion rule shows in a percentage that can be worked out by hand:
 * - Miles Davis (5001): Kind of Blue (5201–5204; 5201 has a MusicBrainz id), Bitches Brew (5211,
 *   5212), and "Milestones" (5232) as track artist on a various-artists compilation → 7 tracks;
 * - John Coltrane (5002): Blue Train (5221–5223) + "Impressions" (5231) on the compilation → 4;
 * - Various Artists (5003): Jazz Compilation (5231 Coltrane, 5232 Miles, 5233 Dave Brubeck) → 3;
 * - Bill Evans (5004): Portrait in Jazz, 2 tracks nobody played; Dave Brubeck exists only as a
 *   track artist.
 * Users: alice 1001 (Alice), bob 1002 (Bob), carol 1003 (Carol, no plays). So What (5201) is played
 * by alice and bob. Plays sit years apart (2019 and 2026) so history windows have to widen and
 * shrink. Bitches Brew (5102) is the album the e2e test removes and adds back (new keys).
 *
 * Expected at LISTENED_THRESHOLD 50: alice × Miles 6/7 = 85.7 % (5212 reached only 40 %), bob × Miles
 * 3/7 = 42.9 %, carol × Miles 0 %, alice × Bill Evans 0/2, alice × Coltrane 1/4 = 25 %, alice ×
 * Various Artists 1/3 = 33.3 %.
 * Unlike `sampleLibrary()` it is not tied to recorded fixtures. Returns a fresh copy each call.
 */
export function householdLibrary(): FakeLibraryDescription {
  const t2019 = Date.UTC(2019, 4, 1, 20) / 1000;
  const t2026 = Date.UTC(2026, 0, 10, 20) / 1000;
  return {
    server: { name: 'Household PMS', machineIdentifier: 'aaaabbbbccccddddeeeeffff0000111122223333' },
    sections: [
      { id: 1, title: 'Movies', type: 'movie' },
      {
        id: 3,
        title: 'Music',
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
                tracks: [
                  { key: 5201, title: 'So What', duration: 562, mbid: '00000000-0000-4000-8000-000000005201' },
                  { key: 5202, title: 'Freddie Freeloader', duration: 586 },
                  { key: 5203, title: 'Blue in Green', duration: 337 },
                  { key: 5204, title: 'All Blues', duration: 693 },
                ],
              },
              {
                key: 5102,
                title: 'Bitches Brew',
                year: 1970,
                tracks: [
                  { key: 5211, title: "Pharaoh's Dance", duration: 1200 },
                  { key: 5212, title: 'Bitches Brew', duration: 1620 },
                ],
              },
            ],
          },
          {
            key: 5002,
            title: 'John Coltrane',
            albums: [
              {
                key: 5103,
                title: 'Blue Train',
                year: 1957,
                tracks: [
                  { key: 5221, title: 'Blue Train', duration: 643 },
                  { key: 5222, title: "Moment's Notice", duration: 550 },
                  { key: 5223, title: 'Locomotion', duration: 434 },
                ],
              },
            ],
          },
          {
            key: 5003,
            title: 'Various Artists',
            albums: [
              {
                key: 5104,
                title: 'Jazz Compilation',
                year: 2001,
                tracks: [
                  { key: 5231, title: 'Impressions', duration: 400, artist: 'John Coltrane' },
                  { key: 5232, title: 'Milestones', duration: 350, artist: 'Miles Davis' },
                  { key: 5233, title: 'Take Five', duration: 324, artist: 'Dave Brubeck' },
                ],
              },
            ],
          },
          {
            key: 5004,
            title: 'Bill Evans',
            albums: [
              {
                key: 5105,
                title: 'Portrait in Jazz',
                year: 1960,
                tracks: [
                  { key: 5241, title: 'Autumn Leaves', duration: 360 },
                  { key: 5242, title: 'Witchcraft', duration: 277 },
                ],
              },
            ],
          },
        ],
      },
    ],
    users: [
      { id: 1001, username: 'alice_plex', friendly: 'Alice', admin: true },
      { id: 1002, username: 'bob_plex', friendly: 'Bob' },
      { id: 1003, username: 'carol_plex', friendly: 'Carol' },
    ],
    plays: [
      // alice: all of Kind of Blue (5202 first at 30 %, then at 60 %: counts at 50)
      { user: 1001, track: 5201, at: t2019 },
      { user: 1001, track: 5202, at: t2019 + 900, percent: 30 },
      { user: 1001, track: 5202, at: t2026, percent: 60 },
      { user: 1001, track: 5203, at: t2026 + 900 },
      { user: 1001, track: 5204, at: t2026 + 1800 },
      // half of Bitches Brew (5212 at 40 %: not a listen at 50, one at 40)
      { user: 1001, track: 5211, at: t2026 + 3600 },
      { user: 1001, track: 5212, at: t2026 + 5400, percent: 40 },
      // Milestones on the compilation counts for Miles; Blue Train for Coltrane
      { user: 1001, track: 5232, at: t2026 + 7200, percent: 90 },
      { user: 1001, track: 5221, at: t2026 + 9000 },
      // bob: So What (played by both), all of Bitches Brew
      { user: 1002, track: 5201, at: t2019 + 3600 },
      { user: 1002, track: 5211, at: t2026 + 600 },
      { user: 1002, track: 5212, at: t2026 + 1200 },
    ],
  };
}
