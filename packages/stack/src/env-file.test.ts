import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvFile, readEnvFile } from './env-file.ts';

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments', () => {
    const text = ['# a comment', '', 'A=1', '  B = two  ', 'export C=3', '   # indented comment'].join('\n');
    expect(parseEnvFile(text)).toEqual({ values: { A: '1', B: 'two', C: '3' }, problems: [] });
  });

  it('strips a comment after an unquoted value, but keeps a # inside one', () => {
    const { values } = parseEnvFile('URL=http://host/#frag # the url\nCOLOR=#fff\nEMPTY=\nHASH=a#b');
    expect(values).toEqual({ URL: 'http://host/#frag', COLOR: '#fff', EMPTY: '', HASH: 'a#b' });
  });

  it('keeps single-quoted values literally and unescapes double-quoted ones', () => {
    const text = [
      `S='it is $HOME \\n # not a comment'`,
      'D="line1\\nline2 \\"quoted\\" \\\\ end" # comment',
      "E=''",
      'F="a=b"',
    ].join('\n');
    expect(parseEnvFile(text).values).toEqual({
      S: 'it is $HOME \\n # not a comment',
      D: 'line1\nline2 "quoted" \\ end',
      E: '',
      F: 'a=b',
    });
  });

  it('handles CRLF line ends and a byte-order mark; a later line wins', () => {
    expect(parseEnvFile('\uFEFFA=1\r\nB=2\r\nA=3\r\n').values).toEqual({ A: '3', B: '2' });
  });

  it('reports bad lines by number without echoing their content', () => {
    const { values, problems } = parseEnvFile('GOOD=1\nthis is not an assignment hunter2\nBAD="open secret\n1X=2');
    expect(values).toEqual({ GOOD: '1' });
    expect(problems).toEqual([
      'line 2: expected KEY=VALUE',
      'line 3: BAD has an unterminated quote',
      'line 4: expected KEY=VALUE',
    ]);
    expect(problems.join('\n')).not.toMatch(/hunter2|secret/);
  });

  it('rejects text after a closing quote', () => {
    expect(parseEnvFile('A="x" y').problems).toEqual(['line 1: A has text after its closing quote']);
  });
});

describe('readEnvFile', () => {
  it('treats a missing file as empty and reads an existing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autoalex-env-'));
    expect(readEnvFile(join(dir, '.env'))).toEqual({ values: {}, problems: [] });
    writeFileSync(join(dir, '.env'), 'DISCORD_TOKEN="abc"\n');
    expect(readEnvFile(join(dir, '.env')).values).toEqual({ DISCORD_TOKEN: 'abc' });
  });
});
