import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { lintCatalogue, lintCommand } from './lint.ts';

const base = { type: 1, name: 'ok', description: 'fine' };
const text = (name: string, extra: Record<string, unknown> = {}) => ({ type: 3, name, description: 'd', ...extra });

describe('lintCommand', () => {
  it('passes the whole catalogue', () => {
    expect(lintCatalogue(catalogue.map((c) => c.data))).toEqual([]);
  });

  it.each([
    [{ ...base, name: 'Hello' }, 'name must be lower case'],
    [{ ...base, name: 'two words' }, 'no spaces'],
    [{ ...base, name: 'x'.repeat(33) }, 'name must be 1–32'],
    [{ ...base, description: '' }, 'description must be 1–100'],
    [{ ...base, description: 'x'.repeat(101) }, 'description must be 1–100'],
    [{ ...base, options: [text('a'), text('b', { required: true })] }, 'required options must come before'],
    [{ ...base, options: [text('a'), text('a')] }, 'option name used twice'],
    [{ ...base, options: [text('Big')] }, 'lower case'],
    [{ ...base, options: Array.from({ length: 26 }, (_, i) => text(`o${i}`)) }, '26 options'],
    [{ ...base, options: [{ type: 1, name: 's', description: 'd' }, text('a')] }, 'cannot sit beside'],
    [
      { ...base, options: [text('a', { autocomplete: true, choices: [{ name: 'A', value: 'a' }] })] },
      'autocomplete and choices',
    ],
    [
      {
        ...base,
        options: [
          text('a', {
            choices: [
              { name: 'A', value: 'a' },
              { name: 'B', value: 'a' },
            ],
          }),
        ],
      },
      'must be different',
    ],
    [
      { ...base, options: [{ type: 4, name: 'n', description: 'd', min_value: 5, max_value: 1 }] },
      'min_value is above',
    ],
    [{ ...base, options: [text('a', { min_length: 9, max_length: 3 })] }, 'min_length is above'],
  ])('reports a broken command (%#: %s)', (command, problem) => {
    expect(lintCommand(command).join('\n')).toContain(problem);
  });

  it('counts the 4000-character budget across options and choices', () => {
    const choices = Array.from({ length: 25 }, (_, i) => ({ name: `${i}`.padEnd(100, 'x'), value: `v${i}` }));
    const options = Array.from({ length: 2 }, (_, i) => text(`o${i}`, { choices }));
    expect(lintCommand({ ...base, options })).toEqual([expect.stringContaining('at most 4000')]);
  });

  it('reports duplicates and garbage in a catalogue without throwing', () => {
    expect(lintCatalogue([base, base]).join('\n')).toContain('/ok is defined more than once');
    expect(lintCatalogue([null, 'x', { options: 'nope' }]).length).toBeGreaterThan(2);
  });
});
