import { escapeMarkdown } from '@autoalex/discord';
import { describe, expect, it } from 'vitest';
import { doneText, failedText, gaveUpReason, limitText, phaseText } from './messages.ts';

const spec = { stem: 'vocals' as const, gainDb: -60, preset: 'karaoke' };

describe('messages', () => {
  it('names the remix before the track is known, then the track', () => {
    expect(phaseText({ name: 'queued', position: 2 }, { spec })).toBe(
      '⏳ Remix (karaoke): queued, position 2 in line.',
    );
    expect(phaseText({ name: 'separating', percent: 42.7 }, { spec, title: 'So What', artist: 'Miles Davis' })).toBe(
      '🎚️ **So What** by Miles Davis (karaoke): separating the vocals… 42 %',
    );
    expect(phaseText({ name: 'uploading', bytes: 8_100_000 }, { spec, title: 'T' })).toContain('(8.1 MB)');
  });

  it('keeps user text from becoming Markdown', () => {
    expect(escapeMarkdown('**bold** _it_ `code` |x|')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|x\\|');
  });

  it('says how the file was delivered and why things failed', () => {
    expect(doneText({ spec, title: 'T' }, { bitrateKbps: 320, bytes: 9_000_000, seconds: 200, cacheHit: false })).toBe(
      '✅ **T** (karaoke) · vocals -60 dB · MP3 320 kbit/s · 9.0 MB',
    );
    const link = doneText(
      { spec, title: 'T' },
      {
        bitrateKbps: 320,
        bytes: 30_000_000,
        seconds: 600,
        cacheHit: true,
        link: { url: 'https://x/y', expiresInSeconds: 604_800, limitBytes: 9_500_000 },
      },
    );
    expect(link).toContain('Too large for Discord here (limit 9.5 MB): download it within 7 days from https://x/y');
    expect(failedText({ spec }, 'the track is silent')).toBe(
      '❌ Remix (karaoke): could not be made — the track is silent.',
    );
    expect(limitText('daily', 20)).toBe("you have used today's 20 remixes; the allowance resets at midnight UTC");
    expect(limitText('active', 1)).toBe('you already have a remix running; wait for it to finish');
  });

  it('says a remix resumes after its worker restarted, and why one was given up', () => {
    expect(phaseText({ name: 'resuming', restarts: 1 }, { spec })).toBe(
      '🔁 Remix (karaoke): the remix worker restarted; resuming…',
    );
    expect(phaseText({ name: 'resuming', restarts: 2 }, { spec })).toBe(
      '🔁 Remix (karaoke): the remix worker restarted (2 times); resuming…',
    );
    expect(failedText({ spec }, gaveUpReason(3))).toBe(
      '❌ Remix (karaoke): could not be made — the remix worker restarted 3 times while making it (it may be running out of memory); please try again.',
    );
  });
});
