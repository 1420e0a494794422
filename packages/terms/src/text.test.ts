import { describe, expect, it } from 'vitest';
import { cleanText, hasUnusableCharacters } from './text.ts';

describe('text the suite may hold', () => {
  it('finds NUL, C0 and C1 control characters, DEL and lone surrogates', () => {
    for (const bad of [
      'a\u0000b',
      '\u0001',
      'x\u001F',
      '\u007F',
      'a\u0085',
      '\u009F',
      '\uD800',
      'a\uDC00b',
      '\uDBFFx',
    ]) {
      expect(hasUnusableCharacters(bad), JSON.stringify(bad)).toBe(true);
    }
    for (const fine of ['So What', 'Sigur Rós', 'Björk – Jóga', '😀 paired surrogates', '\u00A0nbsp', '']) {
      expect(hasUnusableCharacters(fine), JSON.stringify(fine)).toBe(false);
    }
  });

  it('allows line feed and tab only in multi-line text', () => {
    expect(hasUnusableCharacters('two\nlines')).toBe(true);
    expect(hasUnusableCharacters('a\tb')).toBe(true);
    expect(hasUnusableCharacters('two\nlines\twith a tab', { multiline: true })).toBe(false);
    expect(hasUnusableCharacters('nul\u0000', { multiline: true })).toBe(true);
    expect(hasUnusableCharacters('carriage\r', { multiline: true })).toBe(true);
  });

  it('cleans: separators become spaces, the rest goes', () => {
    expect(cleanText('So\u0000 What')).toBe('So What');
    expect(cleanText('Kind\nof\tBlue')).toBe('Kind of Blue');
    expect(cleanText('bell\u0007\u007F\u009B')).toBe('bell');
    expect(cleanText('lone \uD800 half')).toBe('lone  half');
    expect(cleanText('😀 stays')).toBe('😀 stays');
    expect(cleanText('line one\r\nline two\rthree\u0000\tend', { multiline: true })).toBe(
      'line one\nline two\nthree\tend',
    );
  });

  it('returns the same string when there is nothing to clean', () => {
    const title = 'A Love Supreme, Pt. I – Acknowledgement';
    expect(cleanText(title)).toBe(title);
  });

  it('gives the same answer on every call (no regex state leaks between calls)', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(hasUnusableCharacters('a\u0000')).toBe(true);
      expect(hasUnusableCharacters('b\u0000')).toBe(true);
    }
  });
});
