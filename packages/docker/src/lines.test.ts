import { describe, expect, it } from 'vitest';
import { createLineAssembler, toLogLine } from './lines.ts';

describe('line assembly', () => {
  it('splits each stream separately, so interleaved frames do not mix lines', () => {
    const lines = createLineAssembler(1000);
    const out = [
      ...lines.push('stdout', Buffer.from('first half ')),
      ...lines.push('stderr', Buffer.from('error line\n')),
      ...lines.push('stdout', Buffer.from('second half\nnext')),
      ...lines.end(),
    ];
    expect(out).toEqual([
      { stream: 'stderr', text: 'error line', cut: false },
      { stream: 'stdout', text: 'first half second half', cut: false },
      { stream: 'stdout', text: 'next', cut: false },
    ]);
  });

  it('keeps empty lines and drops nothing at the end', () => {
    const lines = createLineAssembler(1000);
    expect([...lines.push('stdout', Buffer.from('a\n\nb\n')), ...lines.end()].map((l) => l.text)).toEqual([
      'a',
      '',
      'b',
    ]);
  });

  it('decodes a UTF-8 character split between pushes', () => {
    const lines = createLineAssembler(1000);
    const bytes = Buffer.from('café\n', 'utf8');
    const out = [...lines.push('stdout', bytes.subarray(0, 4)), ...lines.push('stdout', bytes.subarray(4))];
    expect(out.map((l) => l.text)).toEqual(['café']);
  });

  it('cuts a line past the limit and marks it', () => {
    const lines = createLineAssembler(5);
    const out = [...lines.push('stdout', Buffer.from('0123')), ...lines.push('stdout', Buffer.from('456789\nok\n'))];
    expect(out).toEqual([
      { stream: 'stdout', text: '01234', cut: true },
      { stream: 'stdout', text: 'ok', cut: false },
    ]);
    expect(toLogLine(out[0]!, false).text).toBe('01234…');
  });

  it('treats stdin as stdout', () => {
    const lines = createLineAssembler(100);
    expect(lines.push('stdin', Buffer.from('x\n'))[0]?.stream).toBe('stdout');
  });
});

describe('log line cleanup', () => {
  const raw = (text: string) => ({ stream: 'stdout' as const, text, cut: false });

  it('splits off the timestamp Docker adds', () => {
    expect(toLogLine(raw('2026-11-21T08:00:01.123456789Z Server ready'), true)).toEqual({
      stream: 'stdout',
      timestamp: '2026-11-21T08:00:01.123456789Z',
      text: 'Server ready',
    });
    expect(toLogLine(raw('no stamp here'), true).timestamp).toBeNull();
    expect(toLogLine(raw('2026-11-21T08:00:01Z kept'), false).text).toBe('2026-11-21T08:00:01Z kept');
  });

  it('drops CRLF line ends, colour codes, terminal titles and control characters', () => {
    expect(toLogLine(raw('\u001b[31mERROR\u001b[0m disk full\r'), false).text).toBe('ERROR disk full');
    expect(toLogLine(raw('\u001b]0;title\u0007text\u0000\u0008!'), false).text).toBe('text!');
    expect(toLogLine(raw('tab\tkept'), false).text).toBe('tab\tkept');
  });

  it('shows what a terminal would after carriage-return overwrites', () => {
    expect(toLogLine(raw('10%\r50%\r100% done\r\r'), false).text).toBe('100% done');
  });
});
