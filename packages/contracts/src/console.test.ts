import { describe, expect, it } from 'vitest';
import { consoleMessage, consoleStreamKey } from './console.ts';
import { exampleConsoleMessage, ids } from './examples.ts';

describe('console messages', () => {
  it('keys one stream per session under the queue prefix', () => {
    expect(consoleStreamKey('autoalex', ids.consoleSession)).toBe(`autoalex:console:${ids.consoleSession}`);
  });

  it('parses an answer and fills the file list', () => {
    const parsed = consoleMessage.parse(JSON.parse(JSON.stringify(exampleConsoleMessage)));
    expect(parsed).toEqual({ ...exampleConsoleMessage, files: [] });
  });

  it('rejects an unknown kind and a session that is not a UUID', () => {
    expect(consoleMessage.safeParse({ ...exampleConsoleMessage, kind: 'modal' }).success).toBe(false);
    expect(consoleMessage.safeParse({ ...exampleConsoleMessage, sessionId: 'tty1' }).success).toBe(false);
  });
});
