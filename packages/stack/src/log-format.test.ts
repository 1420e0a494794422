import { describe, expect, it } from 'vitest';
import { formatLogLine, formatPrefix, prefixLines } from './log-format.ts';

const plain = { color: false, source: 'gateway' };

describe('formatLogLine', () => {
  it('renders a pino line as LEVEL msg key=value, hiding pino bookkeeping and the own service name', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2025-01-01T00:00:00.000Z',
      pid: 42,
      hostname: 'box',
      service: 'gateway',
      instance: 'box-42',
      msg: 'listening',
      port: 8081,
      ready: true,
    });
    expect(formatLogLine(line, plain)).toBe('INFO  listening port=8081 ready=true');
  });

  it('maps numeric pino levels and quotes values with spaces; objects become JSON', () => {
    const line = JSON.stringify({ level: 50, msg: 'job failed', detail: 'no such file', job: { id: 7 }, empty: '' });
    expect(formatLogLine(line, plain)).toBe('ERROR job failed detail="no such file" job={"id":7} empty=""');
  });

  it('keeps a service field that names another service', () => {
    expect(formatLogLine('{"level":40,"msg":"slow","service":"web"}', plain)).toBe('WARN  slow service=web');
  });

  it('prints an error message inline and its stack frames below', () => {
    const err = { type: 'Error', message: 'boom', stack: 'Error: boom\n    at a (x.ts:1:1)\n    at b (y.ts:2:2)' };
    expect(formatLogLine(JSON.stringify({ level: 50, msg: 'crashed', err }), plain)).toBe(
      'ERROR crashed err=boom\n    at a (x.ts:1:1)\n    at b (y.ts:2:2)',
    );
  });

  it('passes other lines through verbatim', () => {
    for (const line of ['plain text', '{not json', '[1,2]', '{"a":1}', '']) {
      expect(formatLogLine(line, plain)).toBe(line);
    }
  });

  it('colours the level only when asked', () => {
    expect(formatLogLine('{"level":30,"msg":"hi"}', { color: true })).toBe('\x1b[32mINFO \x1b[0m hi');
  });
});

describe('formatPrefix', () => {
  it('pads the name, and colours it only on a terminal', () => {
    expect(formatPrefix('web', 0, 8, false)).toBe('web      | ');
    expect(formatPrefix('web', 0, 8, true)).toBe('\x1b[36mweb     \x1b[0m \x1b[90m|\x1b[0m ');
    expect(prefixLines('web | ', 'a\nb')).toBe('web | a\nweb | b');
  });
});
