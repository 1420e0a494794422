import { describe, expect, it } from 'vitest';
import { compareView, completionView as view } from '../testing.ts';
import { renderCompareText } from './compare-text.ts';
import { renderCompletionText } from './completion-text.ts';
import { renderUsageText } from './usage-text.ts';

describe('text renderings', () => {
  it('completion', () => {
    expect(renderCompletionText(view)).toBe(
      [
        'Alice × Miles Davis',
        '████████████████▋░░░ 83.3 % — 5 of 6 tracks',
        '',
        'In progress:',
        '  █████░░░░░ 1/2  Bitches Brew (1970)',
        'Finished (1): Kind of Blue',
        'Last play: So What (Kind of Blue) on 2026-01-10, 40 % (not counted)',
        '(a play counts when Tautulli marks it played or it reached 50 %)',
      ].join('\n'),
    );
  });

  it('unknown artist and user', () => {
    expect(renderCompletionText({ kind: 'unknown-artist', query: 'Miles', suggestions: ['Miles Davis'] })).toBe(
      '"Miles" is not an artist in the Plex library. Did you mean: Miles Davis?',
    );
    expect(renderCompareText({ kind: 'unknown-user', plexUserId: 7 })).toContain('Plex user 7 is not');
  });

  it('compare', () => {
    const text = renderCompareText(compareView);
    expect(text.split('\n')).toEqual([
      'Alice vs Bob — Miles Davis',
      'Alice  █████████████▍░░  83.3 %  5/6 tracks, 1 album finished',
      'Bob    █████▍░░░░░░░░░░  33.3 %  2/6 tracks, 1 album finished',
      'Alice leads by 3 tracks.',
      'Finished by Alice, not Bob: Kind of Blue',
      'Finished by Bob, not Alice: Bitches Brew',
    ]);
  });

  it('usage: each state has its own sentence', () => {
    const texts = [
      renderUsageText({ kind: 'nothing-playing' }),
      renderUsageText({ kind: 'no-plex-connection' }),
      renderUsageText({ kind: 'unreachable', reason: 'Tautulli is unreachable (ECONNREFUSED)' }),
      renderUsageText({ kind: 'not-configured' }),
    ];
    expect(new Set(texts).size).toBe(4);
    expect(texts[0]).toBe('Nothing is playing right now.');
  });
});
