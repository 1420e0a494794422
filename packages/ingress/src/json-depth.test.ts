import { describe, expect, it } from 'vitest';
import { jsonDeeperThan } from './json-depth.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonDeeperThan', () => {
  it('counts arrays and objects, as JSON.parse would nest them', () => {
    expect(jsonDeeperThan(bytes('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(jsonDeeperThan(bytes('{"a":[{"b":[]}]}'), 3)).toBe(true);
    expect(jsonDeeperThan(bytes('[[],[],[]]'), 2)).toBe(false);
    expect(jsonDeeperThan(bytes('1'), 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDeeperThan(bytes(JSON.stringify({ a: '[[[[{{{{', b: 'say \\"[[[[\\"', c: '\\' })), 1)).toBe(false);
    expect(jsonDeeperThan(bytes(JSON.stringify({ 'k[[[': ['"[[["'] })), 2)).toBe(false);
  });

  it('is not fooled by multi-byte characters', () => {
    expect(jsonDeeperThan(bytes(JSON.stringify({ a: '日本語 😀 ÿ[' })), 1)).toBe(false);
  });

  it('finds 5,000 levels at once, without recursion', () => {
    const deep = `{"a":${'[{"o":'.repeat(5000)}1${'}]'.repeat(5000)}}`;
    expect(jsonDeeperThan(bytes(deep), 32)).toBe(true);
  });
});
