import type { CompareView, CompletionView } from './types.ts';

// Sample view models as this package returns them, for rendering and handler tests
// (`@autoalex/listening/testing`).

const kindOfBlue = {
  ratingKey: '5101',
  title: 'Kind of Blue',
  year: 1959,
  thumb: '/library/metadata/5101/thumb/1',
  albumArtist: 'Miles Davis',
  listened: 4,
  total: 4,
  percent: 100,
};
const brew = {
  ...kindOfBlue,
  ratingKey: '5102',
  title: 'Bitches Brew',
  year: 1970,
  listened: 1,
  total: 2,
  percent: 50,
};

export const completionView: CompletionView = {
  kind: 'completion',
  artist: { name: 'Miles Davis', ratingKey: '5001', thumb: undefined },
  user: { plexUserId: 1001, name: 'Alice', username: 'alice_plex' },
  threshold: 50,
  listened: 5,
  total: 6,
  percent: 83.3,
  albums: [kindOfBlue, brew],
  inProgress: [brew],
  finished: [kindOfBlue],
  notStarted: 0,
  lastPlay: {
    track: 'So What',
    album: 'Kind of Blue',
    at: new Date('2026-01-10T20:00:00Z'),
    percent: 40,
    listened: false,
  },
};

export const compareView: CompareView = {
  kind: 'compare',
  artist: completionView.artist,
  threshold: 50,
  total: 6,
  a: { user: completionView.user, listened: 5, percent: 83.3, finishedAlbums: 1, lastPlay: null },
  b: {
    user: { plexUserId: 1002, name: 'Bob', username: 'bob_plex' },
    listened: 2,
    percent: 33.3,
    finishedAlbums: 1,
    lastPlay: null,
  },
  leader: 'a',
  margin: 3,
  albums: [],
  finishedOnlyByA: [{ ratingKey: '5101', title: 'Kind of Blue', year: 1959, thumb: null, total: 4, a: 4, b: 0 }],
  finishedOnlyByB: [{ ratingKey: '5102', title: 'Bitches Brew', year: 1970, thumb: null, total: 2, a: 1, b: 2 }],
};
