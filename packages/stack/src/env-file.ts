import { readFileSync } from 'node:fs';

export interface EnvFile {
  values: Record<string, string>;
  /** One line per line that could not be read; never contains a value. */
  problems: string[];
}

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Parses the text of a `.env` file: `KEY=VALUE` lines, an optional `export ` prefix, `#` comments
 * (whole lines, or after an unquoted value when preceded by a space), 'single quotes' (literal) and
 * "double quotes" (with \n, \t, \" and \\ escapes). A later line wins over an earlier one.
 */
export function parseEnvFile(text: string): EnvFile {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = LINE.exec(line);
    if (!match) {
      problems.push(`line ${index + 1}: expected KEY=VALUE`);
      return;
    }
    const [, key, rest] = match as unknown as [string, string, string];
    const value = parseValue(rest);
    if (typeof value === 'string') values[key] = value;
    else problems.push(`line ${index + 1}: ${key} ${value.problem}`);
  });
  return { values, problems };
}

function parseValue(rest: string): string | { problem: string } {
  const quote = rest[0];
  if (quote === "'" || quote === '"') {
    const end = closingQuote(rest, quote);
    if (end < 0) return { problem: 'has an unterminated quote' };
    const after = rest.slice(end + 1).trim();
    if (after !== '' && !after.startsWith('#')) return { problem: 'has text after its closing quote' };
    const body = rest.slice(1, end);
    return quote === "'" ? body : body.replace(/\\(.)/g, (all, ch: string) => ESCAPES[ch] ?? all);
  }
  const comment = rest.search(/\s#/);
  return (comment < 0 ? rest : rest.slice(0, comment)).trim();
}

function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** Reads and parses `path`; a missing file is an empty one. */
export function readEnvFile(path: string): EnvFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { values: {}, problems: [] };
    return { values: {}, problems: [`cannot read it (${code ?? 'error'})`] };
  }
  return parseEnvFile(text);
}
