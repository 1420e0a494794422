import { describe, expect, it } from 'vitest';
import { examples } from '../examples.ts';
import { parseJob } from '../parse.ts';

const good = examples.remix.remix;

describe('remix/remix', () => {
  it('accepts a Plex track by string or integer rating key, and an upload', () => {
    expect(parseJob('remix', 'remix', { ...good, source: { kind: 'plex-track', ratingKey: 48213 } }).source).toEqual({
      kind: 'plex-track',
      ratingKey: '48213',
    });
    const upload = { kind: 'upload', storageKey: 'uploads/155149108183695360/song.flac', filename: 'song.flac' };
    expect(parseJob('remix', 'remix', { ...good, source: upload }).source).toEqual(upload);
  });

  it('accepts a console reply target', () => {
    const reply = {
      kind: 'console',
      sessionId: '4b3c2d1e-0f9a-4b8c-8d7e-6f5a4b3c2d1e',
      interactionId: '1300000000000000001',
    };
    expect(parseJob('remix', 'remix', { ...good, reply }).reply).toEqual(reply);
  });

  it.each([
    [{ stem: 'guitar' }, 'stem: '],
    [{ gainDb: 20 }, 'gainDb: must be at most +12 dB'],
    [{ gainDb: '-6' }, 'gainDb: must be a number of dB'],
    [{ preset: 'Karaoke Mode' }, 'preset: must be a preset name'],
    [{ source: { kind: 'youtube', url: 'https://example.com' } }, 'source.kind: '],
    [{ source: { kind: 'plex-track', ratingKey: '48a' } }, 'source.ratingKey: must be a Plex rating key'],
    [
      { source: { kind: 'upload', storageKey: '../etc/passwd', filename: 'x.mp3' } },
      'source.storageKey: must be a relative',
    ],
    [
      { source: { kind: 'upload', storageKey: 'a/b.mp3', filename: 'a/b.mp3' } },
      'source.filename: must be a plain file name',
    ],
    [{ reply: { ...good.reply, attachmentSizeLimit: 0 } }, 'reply.attachmentSizeLimit: '],
    [{ reply: { ...good.reply, kind: undefined } }, 'reply.kind: '],
    [{ reply: { ...good.reply, tokenExpiresAt: undefined } }, 'reply.tokenExpiresAt: is required'],
  ])('rejects %o', (patch, message) => {
    expect(() => parseJob('remix', 'remix', { ...good, ...patch })).toThrow(message);
  });
});
