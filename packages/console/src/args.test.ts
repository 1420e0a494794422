import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args.ts';

describe('parseArgs', () => {
  it('sorts command, subcommand words, options and flags', () => {
    expect(
      parseArgs([
        'filter',
        'genre',
        'name=jazz fusion',
        '--as',
        '<@123456789012345678>',
        '--guild=123456789012345679',
        '--json',
      ]),
    ).toEqual({
      command: 'filter',
      words: ['genre'],
      options: [{ name: 'name', value: 'jazz fusion' }],
      flags: {
        as: '123456789012345678',
        guild: '123456789012345679',
        json: true,
        member: false,
        timeout: undefined,
        global: false,
        help: false,
      },
    });
  });

  it('keeps = inside a value, strips a leading slash from the command, and reads --timeout', () => {
    const parsed = parseArgs(['/generate', 'prompt=a=b', '--timeout', '30', '--member']);
    expect(parsed.command).toBe('generate');
    expect(parsed.options).toEqual([{ name: 'prompt', value: 'a=b' }]);
    expect(parsed.flags).toMatchObject({ timeout: 30, member: true });
  });

  it('rejects malformed flags with a clear message', () => {
    expect(() => parseArgs(['status', '--as', 'bob'])).toThrow(
      new UsageError("--as needs a Discord user id (17 to 20 digits), not 'bob'"),
    );
    expect(() => parseArgs(['status', '--guild'])).toThrow(/--guild needs a value/);
    expect(() => parseArgs(['status', '--timeout', '-1'])).toThrow(/--timeout needs a number of seconds/);
    expect(() => parseArgs(['status', '--colour'])).toThrow(/unknown flag --colour; flags: --as/);
  });
});
