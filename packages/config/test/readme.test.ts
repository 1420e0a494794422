import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragments, readmeSection, renderReference } from '../src/reference.ts';

const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');

describe('README configuration table', () => {
  it('matches the config schemas (regenerate: node packages/config/src/reference.ts --write)', () => {
    expect(readmeSection(readme)).toBe(renderReference());
  });

  it('lists every variable of every fragment', () => {
    const section = readmeSection(readme) ?? '';
    const names = fragments().flatMap(([, shape]) => Object.keys(shape));
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) expect(section).toContain(`\`${name}\``);
  });
});
