import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue, commandByName, commandNames, commandsFor, defaultVisibility, isCommandName } from './catalogue.ts';
import { readRef, refValue } from './choice-ref.ts';

const product = {
  library: ['usage', 'completion', 'compare', 'boost', 'reduce'],
  studio: [
    'join',
    'generate',
    'play',
    'pause',
    'skip',
    'loop',
    'playlast',
    'stop',
    'queue',
    'volume',
    'library',
    'create-playlist',
    'add-to-playlist',
    'remove-from-playlist',
    'switch-playlist',
    'filter',
  ],
  suite: ['status', 'help'],
};

describe('catalogue', () => {
  it('has every command of the product, once, in its area', () => {
    expect(commandNames).toEqual([...product.library, ...product.studio, ...product.suite]);
    for (const [area, names] of Object.entries(product)) {
      for (const name of names) expect(commandByName(name)?.area).toBe(area);
    }
  });

  it('keeps one file per command under commands/, named after it, exporting data and options', async () => {
    const files = readdirSync(new URL('./commands/', import.meta.url)).filter((f) => f.endsWith('.ts'));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual([...commandNames].sort());
    for (const name of files.map((f) => f.replace(/\.ts$/, ''))) {
      const module = (await import(`./commands/${name}.ts`)) as Record<string, unknown>;
      const command = commandByName(name);
      expect(module.data).toBe(command?.data);
      expect(module.options).toBe(command?.options);
    }
  });

  it('registers guild-installed commands usable by everyone, in guilds (help also in DMs)', () => {
    for (const { data } of catalogue) {
      expect(data.default_member_permissions).toBeNull();
      expect(data.integration_types).toEqual([0]);
      expect(data.contexts).toEqual(data.name === 'help' ? [0, 1] : [0]);
    }
  });

  it('splits into scopes that always include the suite commands', () => {
    const names = (scope: 'all' | 'library' | 'studio') => commandsFor(scope).map((c) => c.name);
    expect(names('all')).toEqual(commandNames);
    expect(names('library')).toEqual([...product.library, ...product.suite]);
    expect(names('studio')).toEqual([...product.studio, ...product.suite]);
    expect(() => commandsFor('everything' as never)).toThrow(/unknown scope 'everything'/);
  });

  it('knows each command’s default visibility', () => {
    expect(defaultVisibility('help')).toBe('ephemeral');
    expect(defaultVisibility('play')).toBe('public');
    expect(defaultVisibility('status')).toBe('public');
    expect(defaultVisibility('no-such-command')).toBe('ephemeral');
  });

  it('looks names up safely', () => {
    expect(isCommandName('volume')).toBe(true);
    for (const name of ['Volume', '__proto__', 'constructor', 42, null, undefined]) {
      expect(isCommandName(name)).toBe(false);
      expect(commandByName(name)).toBeUndefined();
    }
  });
});

describe('autocomplete refs', () => {
  it('tells a picked item from typed text', () => {
    expect(readRef(refValue('song', 'a1b2-c3'), 'song')).toEqual({ kind: 'ref', id: 'a1b2-c3' });
    expect(readRef('song:a1b2', 'track')).toEqual({ kind: 'text', text: 'song:a1b2' });
    expect(readRef('never gonna', 'song')).toEqual({ kind: 'text', text: 'never gonna' });
    expect(readRef('song:has space', 'song')).toEqual({ kind: 'text', text: 'song:has space' });
    expect(() => refValue('song', '')).toThrow(TypeError);
    expect(() => refValue('song', 'x'.repeat(81))).toThrow(TypeError);
  });
});
