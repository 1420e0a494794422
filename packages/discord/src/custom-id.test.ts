import { describe, expect, it } from 'vitest';
import { customId, customIdPrefixes, maxCustomIdLength, newStateKey, parseCustomId } from './custom-id.ts';

describe('customId', () => {
  it('round-trips a prefix and a state key', () => {
    const key = newStateKey();
    const id = customId('queue', key);
    expect(id).toBe(`queue:${key}`);
    expect(parseCustomId(id)).toEqual({ prefix: 'queue', stateKey: key });
  });

  it('makes fresh, unguessable keys', () => {
    const keys = new Set(Array.from({ length: 100 }, newStateKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('refuses what it could not read back', () => {
    expect(() => customId('queue', '')).toThrow(TypeError);
    expect(() => customId('queue', 'has:colon')).toThrow(TypeError);
    expect(() => customId('queue', 'x'.repeat(maxCustomIdLength))).toThrow(/longer than 100/);
    expect(() => customId('nope' as never, 'abc')).toThrow(/unknown prefix/);
  });

  it('accepts every known prefix up to the 100-character limit', () => {
    for (const prefix of customIdPrefixes) {
      const key = 'k'.repeat(maxCustomIdLength - prefix.length - 1);
      expect(parseCustomId(customId(prefix, key))).toEqual({ prefix, stateKey: key });
    }
  });
});

describe('parseCustomId', () => {
  it.each([
    ['', 'empty'],
    ['queue', 'no separator'],
    ['queue:', 'no key'],
    [':abc', 'no prefix'],
    ['unknown:abc', 'unknown prefix'],
    ['Queue:abc', 'prefix in the wrong case'],
    ['queue:abc:def', 'two separators'],
    ['queue:ab c', 'space in the key'],
    ['queue:abc\n', 'trailing newline'],
    [`queue:${'a'.repeat(95)}`, 'over 100 characters'],
    ['__proto__:abc', 'prototype name'],
    ['constructor:abc', 'prototype name'],
  ])('returns null for %j (%s)', (raw) => {
    expect(parseCustomId(raw)).toBeNull();
  });

  it('returns null for values that are not strings', () => {
    for (const raw of [undefined, null, 42, {}, [], Symbol('x'), () => 'queue:abc']) {
      expect(parseCustomId(raw)).toBeNull();
    }
  });
});
