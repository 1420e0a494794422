import { describe, expect, it } from 'vitest';
import { segment, withQuery } from './query.ts';

describe('withQuery', () => {
  it('encodes keys and values once, spaces as %20, and skips undefined', () => {
    expect(withQuery('/x', { 'summary.value': 'a b+c&d=é', n: 3, flag: true, off: false, none: undefined })).toBe(
      '/x?summary.value=a%20b%2Bc%26d%3D%C3%A9&n=3&flag=1&off=0',
    );
  });

  it('appends to an existing query and leaves a path alone when there is nothing to add', () => {
    expect(withQuery('/x?a=1', { b: 2 })).toBe('/x?a=1&b=2');
    expect(withQuery('/x', {})).toBe('/x');
    expect(withQuery('/x', undefined)).toBe('/x');
  });
});

describe('segment', () => {
  it('encodes ids for use in a path and refuses dot segments', () => {
    expect(segment(5201)).toBe('5201');
    expect(segment('a/b?c')).toBe('a%2Fb%3Fc');
    expect(() => segment('..')).toThrow();
    expect(() => segment('')).toThrow();
  });
});
