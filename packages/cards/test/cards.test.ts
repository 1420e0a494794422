import type { AlbumProgress, CompareView, CompletionView } from '@autoalex/listening';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { readPngSize, renderCompareCard, renderCompletionCard } from '../src/index.ts';

const album = (title: string, listened: number, total: number, extra: Partial<AlbumProgress> = {}): AlbumProgress => ({
  ratingKey: title,
  title,
  year: 1959,
  thumb: `/library/metadata/${title.length}/thumb/1`,
  albumArtist: 'Miles Davis',
  listened,
  total,
  percent: Math.round((listened / total) * 1000) / 10,
  ...extra,
});

function completionView(overrides: Partial<CompletionView> = {}): CompletionView {
  const albums = [album('Kind of Blue', 4, 4), album('Bitches Brew', 1, 2), album('Jazz Compilation', 0, 1)];
  return {
    kind: 'completion',
    artist: { name: 'Miles Davis', ratingKey: '5001', thumb: '/library/metadata/5001/thumb/1' },
    user: { plexUserId: 1001, name: 'Alice', username: 'alice_plex' },
    threshold: 50,
    listened: 5,
    total: 7,
    percent: 71.4,
    albums,
    inProgress: [albums[1]!],
    finished: [albums[0]!],
    notStarted: 1,
    lastPlay: {
      track: 'So What',
      album: 'Kind of Blue',
      at: new Date('2026-01-10T20:00:00Z'),
      percent: 100,
      listened: true,
    },
    ...overrides,
  };
}

function compareView(overrides: Partial<CompareView> = {}): CompareView {
  return {
    kind: 'compare',
    artist: { name: 'Miles Davis', ratingKey: '5001', thumb: undefined },
    threshold: 50,
    total: 7,
    a: {
      user: { plexUserId: 1001, name: 'Alice', username: 'alice' },
      listened: 6,
      percent: 85.7,
      finishedAlbums: 2,
      lastPlay: null,
    },
    b: {
      user: { plexUserId: 1002, name: 'Bob', username: 'bob' },
      listened: 3,
      percent: 42.9,
      finishedAlbums: 1,
      lastPlay: null,
    },
    leader: 'a',
    margin: 3,
    albums: [
      { ratingKey: '1', title: 'Kind of Blue', year: 1959, thumb: '/t/1', total: 4, a: 4, b: 1 },
      { ratingKey: '2', title: 'Bitches Brew', year: 1970, thumb: null, total: 2, a: 1, b: 2 },
    ],
    finishedOnlyByA: [],
    finishedOnlyByB: [],
    ...overrides,
  };
}

async function solidPng(color: string): Promise<Buffer> {
  const canvas = createCanvas(16, 16);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 16, 16);
  return canvas.encode('png');
}

async function decoded(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const size = readPngSize(png);
  const image = await loadImage(png);
  expect({ width: image.width, height: image.height }).toEqual(size);
  return image;
}

describe('completion card', () => {
  it('is a PNG 800 wide whose height grows with the albums listed', async () => {
    const small = await decoded(await renderCompletionCard(completionView()));
    expect(small.width).toBe(800);
    const many = Array.from({ length: 12 }, (_, i) => album(`Album ${i}`, i % 3, 3));
    const big = await decoded(
      await renderCompletionCard(completionView({ albums: many, inProgress: many.filter((a) => a.listened > 0) }), {
        maxAlbums: 8,
      }),
    );
    expect(big.height).toBeGreaterThan(small.height);
  });

  it('draws album art from the loader and falls back when it fails or sends garbage', async () => {
    const red = await solidPng('#ff0000');
    const calls: string[] = [];
    const png = await renderCompletionCard(completionView(), {
      art: async (thumb) => {
        calls.push(thumb);
        if (thumb.includes('5001')) return red;
        if (thumb.includes('/12/')) throw new Error('plex is down');
        return Buffer.from('not an image');
      },
    });
    await decoded(png);
    expect(calls.length).toBeGreaterThan(0);
    // the header cover (artist art) is red at its centre
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    expect([...ctx.getImageData(92, 92, 1, 1).data]).toEqual([255, 0, 0, 255]);
  });

  it('survives long names, emoji, scripts the font lacks, no art and an empty history', async () => {
    const long = `${'Orchestre Symphonique de la Radio-Télévision '.repeat(6)}🎷🎺🥁`;
    const png = await renderCompletionCard(
      completionView({
        artist: { name: long, ratingKey: undefined, thumb: undefined },
        user: { plexUserId: 1, name: '🦄 Ünïcode Üser 東京 '.repeat(5), username: 'u' },
        albums: [album(`${long} — 坂本龍一 🎧`, 0, 1, { thumb: null, year: null })],
        inProgress: [],
        finished: [],
        notStarted: 1,
        listened: 0,
        total: 1,
        percent: 0,
        lastPlay: null,
      }),
    );
    const image = await decoded(png);
    expect(image.width).toBe(800);
  });
});

describe('compare card', () => {
  it('is a PNG, with and without art, for a lead and for a tie', async () => {
    const blue = await solidPng('#0000ff');
    await decoded(await renderCompareCard(compareView(), { art: async () => blue }));
    const tie = await decoded(
      await renderCompareCard(
        compareView({
          leader: 'tie',
          margin: 0,
          artist: { name: '💿'.repeat(80), ratingKey: undefined, thumb: undefined },
          albums: Array.from({ length: 20 }, (_, i) => ({
            ratingKey: String(i),
            title: `A very long album title number ${i} `.repeat(4),
            year: null,
            thumb: null,
            total: 10,
            a: i % 11,
            b: 10 - (i % 11),
          })),
        }),
      ),
    );
    expect(tie.width).toBe(800);
  });
});

describe('readPngSize', () => {
  it('refuses what is not a PNG', () => {
    expect(readPngSize(Buffer.from('GIF89a........................'))).toBeUndefined();
    expect(readPngSize(new Uint8Array(3))).toBeUndefined();
  });
});
