import { describe, expect, it } from 'vitest';
import { InvalidKeyError } from './errors.ts';
import { assertKey, assertPrefix, isValidKey, keyProblem } from './keys.ts';

describe('blob keys', () => {
  it('accepts relative paths of [a-zA-Z0-9._-] segments', () => {
    for (const key of ['a', 'songs/2024/abc-DEF_1.mp3', '.hidden', 'a..b', '...', 'x/y/z.tar.gz', 'a'.repeat(200)]) {
      expect(keyProblem(key), key).toBeNull();
    }
    expect(isValidKey(`${'abcdefgh/'.repeat(113)}abcdefg`)).toBe(true); // 1024 characters
  });

  it.each([
    ['', /empty/],
    ['/a', /relative/],
    ['a/', /end with/],
    ['a//b', /empty segments/],
    ['..', /\.\. segments/],
    ['a/../b', /\.\. segments/],
    ['a/./b', /\.\. segments/],
    ['a b', /may only use/],
    ['a\\b', /may only use/],
    ['é', /may only use/],
    ['a\nb', /may only use/],
    ['a'.repeat(201), /at most 200/],
    [`${'abcdefgh/'.repeat(113)}abcdefgh`, /at most 1024/],
  ])('rejects %j', (key, reason) => {
    expect(keyProblem(key)).toMatch(reason);
    expect(() => assertKey(key)).toThrow(InvalidKeyError);
  });

  it('rejects non-strings without crashing', () => {
    expect(keyProblem(undefined)).toBe('must be a string');
    expect(() => assertKey(42)).toThrow(/must be a string/);
  });

  it('names the key and the reason in the error, shortened when long', () => {
    expect(() => assertKey('a/../b')).toThrow('invalid blob key "a/../b": must not contain . or .. segments');
    const error = (() => {
      try {
        assertKey(`${'x'.repeat(300)} `);
      } catch (err) {
        return err as InvalidKeyError;
      }
    })();
    expect(error?.message.length).toBeLessThan(200);
    expect(error?.code).toBe('INVALID_KEY');
  });

  it('accepts list prefixes that end mid-segment or at a folder', () => {
    for (const prefix of ['', 'songs/', 'songs/ab', 'a/b/c.', 'songs/..']) expect(assertPrefix(prefix)).toBe(prefix);
    for (const prefix of ['/songs', '../x', 'a//b', 'a/../', 'a b', 'a/ä']) {
      expect(() => assertPrefix(prefix), prefix).toThrow(InvalidKeyError);
    }
  });
});
