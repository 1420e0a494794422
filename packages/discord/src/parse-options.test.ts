import { describe, expect, it } from 'vitest';
import { reduceStem } from './commands/reduce.ts';
import { parseOptions } from './parse-options.ts';

const opt = (name: string, type: number, value: unknown, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  value,
  ...extra,
});
const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const NUMBER = 10;
const SUB = 1;

function errorsOf(result: ReturnType<typeof parseOptions>): readonly string[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result)}`);
  return result.errors;
}

describe('parseOptions: values', () => {
  it('returns typed values with defaults filled in', () => {
    const result = parseOptions('boost', [opt('track', STRING, ' So What '), opt('stem', STRING, 'bass')]);
    expect(result).toEqual({
      ok: true,
      kind: 'command',
      command: 'boost',
      values: { track: 'So What', stem: 'bass', db: 4 },
    });
  });

  it('accepts no options at all for commands without any', () => {
    expect(parseOptions('pause', undefined)).toMatchObject({ ok: true, values: {} });
    expect(parseOptions('stop', [])).toMatchObject({ ok: true, values: {} });
  });

  it('reads subcommands with their options', () => {
    expect(
      parseOptions('filter', [{ name: 'genre', type: SUB, options: [opt('name', STRING, 'jazz')] }]),
    ).toMatchObject({
      ok: true,
      values: { subcommand: 'genre', name: 'jazz' },
    });
    expect(parseOptions('filter', [{ name: 'clear', type: SUB }])).toMatchObject({
      ok: true,
      values: { subcommand: 'clear' },
    });
  });

  it('resolves a reduce preset to its stem', () => {
    const result = parseOptions('reduce', [opt('track', STRING, 't1'), opt('preset', STRING, 'karaoke')]);
    if (!result.ok || result.kind !== 'command') throw new Error('expected values');
    expect(result.values.db).toBe(-60);
    expect(reduceStem(result.values)).toBe('vocals');
  });
});

describe('parseOptions: messages', () => {
  it.each([
    ['volume', [opt('level', INTEGER, 201)], 'level must be between 0 and 200'],
    ['volume', [opt('level', INTEGER, -1)], 'level must be between 0 and 200'],
    ['volume', [opt('level', INTEGER, 2.5)], 'level must be a whole number'],
    ['volume', [opt('level', INTEGER, 'loud')], 'level must be a whole number'],
    ['boost', [opt('track', STRING, 't'), opt('stem', STRING, 'x')], "unknown choice 'x' for stem"],
    [
      'boost',
      [opt('track', STRING, 't'), opt('stem', STRING, 'bass'), opt('db', NUMBER, 13)],
      'db must be between 0.5 and 12',
    ],
    [
      'reduce',
      [opt('track', STRING, 't'), opt('stem', STRING, 'bass'), opt('db', NUMBER, 0)],
      'db must be between -60 and -0.5',
    ],
    ['generate', [opt('prompt', STRING, 'x'.repeat(501))], 'prompt is longer than 500 characters'],
    ['generate', [opt('prompt', STRING, '   ')], 'prompt must not be empty'],
    [
      'generate',
      [opt('prompt', STRING, 'ok'), opt('instrumental', BOOLEAN, 'yes')],
      'instrumental must be true or false',
    ],
    ['create-playlist', [opt('name', STRING, 'x'.repeat(101))], 'name is longer than 100 characters'],
    ['completion', [], 'artist is required'],
    ['loop', [opt('mode', STRING, 'forever')], "unknown choice 'forever' for mode"],
    ['library', [{ name: 'owner', type: 6, value: 'bob' }], 'owner must be a Discord user'],
    ['join', [{ name: 'channel', type: 7, value: '12' }], 'channel must be a voice channel'],
    ['skip', [opt('count', INTEGER, 0)], 'count must be between 1 and 100'],
    ['queue', [opt('page', INTEGER, Number.NaN)], 'page must be a whole number'],
    ['volume', [opt('level', INTEGER, 5), opt('level', INTEGER, 6)], 'level is given more than once'],
    ['volume', [opt('loudness', INTEGER, 5)], "unknown option 'loudness'"],
    ['volume', [opt('level', STRING, '5')], 'level must be a whole number (the registered command may be out of date)'],
    ['volume', [{ name: 'level', type: INTEGER }], 'level has no value'],
    ['volume', 'garbage', 'the options are not a list'],
    ['volume', [null], 'option 1 is malformed'],
    ['volume', [{ name: 'x', type: SUB }], "/volume has no subcommand 'x'"],
    ['reduce', [opt('track', STRING, 't')], 'choose a stem or a preset'],
    ['reduce', [opt('track', STRING, 't'), opt('stem', STRING, 'bass'), opt('preset', STRING, 'karaoke')], 'not both'],
    [
      'compare',
      [opt('artist', STRING, 'a'), opt('user1', STRING, 'Ann'), opt('user2', STRING, ' ann')],
      'two different',
    ],
    ['filter', [], '/filter needs a subcommand: choose genre, style, clear, show'],
    ['filter', [{ name: 'genre', type: SUB }], 'name is required'],
    ['filter', [{ name: 'mood', type: SUB }], "unknown subcommand 'mood' for /filter"],
    ['filter', [{ name: 'g', type: 2, options: [] }], "/filter has no subcommand group 'g'"],
    ['filter', [{ name: 'genre', type: SUB, options: {} }], 'the options of genre are not a list'],
    ['nope', [], "unknown command 'nope'"],
    ['boost', [opt('track', STRING, 'So\u0000What')], 'track contains characters that cannot be used'],
    ['generate', [opt('prompt', STRING, 'bell\u0007 and DEL\u007F')], 'prompt contains characters that cannot be used'],
    ['generate', [opt('prompt', STRING, 'C1 \u009B')], 'prompt contains characters that cannot be used'],
    ['generate', [opt('prompt', STRING, 'lone \uD800 surrogate')], 'prompt contains characters that cannot be used'],
    ['generate', [opt('prompt', STRING, 'two\nlines')], 'prompt contains characters that cannot be used'],
    [
      'filter',
      [{ name: 'genre', type: SUB, options: [opt('name', STRING, 'jazz\u0000')] }],
      'name contains characters that cannot be used',
    ],
  ])('%s %j → %s', (name, options, message) => {
    expect(errorsOf(parseOptions(name, options))).toContainEqual(expect.stringContaining(message));
  });

  it('lists every problem at once, one message per option', () => {
    const errors = errorsOf(
      parseOptions('boost', [opt('stem', STRING, 'piano'), opt('db', NUMBER, 99), opt('extra', STRING, 'x')]),
    );
    expect(errors).toEqual([
      "unknown option 'extra'",
      'track is required',
      "unknown choice 'piano' for stem; choose vocals, drums, bass, other",
      'db must be between 0.5 and 12',
    ]);
  });

  it('does not fall for prototype names', () => {
    expect(errorsOf(parseOptions('volume', [opt('__proto__', INTEGER, { level: 1 })]))).toEqual([
      "unknown option '__proto__'",
    ]);
    expect(errorsOf(parseOptions('__proto__', []))).toEqual(["unknown command '__proto__'"]);
    expect(errorsOf(parseOptions('toString', []))).toEqual(["unknown command 'toString'"]);
  });

  it('keeps control characters of the input out of its messages', () => {
    const [message] = errorsOf(parseOptions('loop', [opt('mode', STRING, 'x\u0000\u001B[31m')]));
    expect(message).toBe("unknown choice 'x[31m' for mode; choose off, track, queue");
  });

  it('accepts text that only starts or ends with line breaks (trimmed) and any printable Unicode', () => {
    const result = parseOptions('boost', [opt('track', STRING, '\n Jóga 😀 – Björk\t'), opt('stem', STRING, 'bass')]);
    expect(result).toMatchObject({ ok: true, values: { track: 'Jóga 😀 – Björk' } });
  });

  it('keeps messages short when the input is huge', () => {
    const [message] = errorsOf(parseOptions('loop', [opt('mode', STRING, 'y'.repeat(10_000))]));
    expect(message?.length).toBeLessThan(150);
  });
});

describe('parseOptions: autocomplete', () => {
  it('returns the focused option and the valid options filled in so far', () => {
    const result = parseOptions('compare', [
      opt('artist', STRING, 'Miles Davis'),
      opt('user1', STRING, 'x'.repeat(500)),
      opt('user2', STRING, 'Bo', { focused: true }),
    ]);
    expect(result).toEqual({
      ok: true,
      kind: 'autocomplete',
      command: 'compare',
      subcommand: undefined,
      focused: { name: 'user2', text: 'Bo' },
      values: { artist: 'Miles Davis' },
    });
  });

  it('works inside subcommands and with required options still missing', () => {
    const result = parseOptions('filter', [
      { name: 'style', type: SUB, options: [opt('name', STRING, '', { focused: true })] },
    ]);
    expect(result).toMatchObject({
      ok: true,
      kind: 'autocomplete',
      subcommand: 'style',
      focused: { name: 'name', text: '' },
    });
  });

  it('cleans the typed text of control characters instead of refusing it (suggestions cannot say why)', () => {
    const result = parseOptions('boost', [opt('track', STRING, 'So\u0000 Wh\u001Bat\uD800', { focused: true })]);
    expect(result).toMatchObject({ ok: true, kind: 'autocomplete', focused: { name: 'track', text: 'So What' } });
  });

  it('refuses focus on an option without suggestions, or on two options', () => {
    expect(errorsOf(parseOptions('loop', [opt('mode', STRING, 'o', { focused: true })]))).toEqual([
      'mode has no suggestions',
    ]);
    expect(
      errorsOf(
        parseOptions('compare', [
          opt('user1', STRING, 'a', { focused: true }),
          opt('user2', STRING, 'b', { focused: true }),
        ]),
      ),
    ).toEqual(['only one option can be focused']);
  });
});
