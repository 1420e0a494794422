const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLORS: Record<string, number> = { TRACE: 90, DEBUG: 90, INFO: 32, WARN: 33, ERROR: 31, FATAL: 35 };
const NAME_COLORS = [36, 35, 34, 32, 33, 96, 95, 94, 92, 93];
/** pino's bookkeeping fields and the replica id (one per service here); the rest is printed as key=value. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'v', 'instance']);

export interface FormatOptions {
  /** ANSI colours; only when printing to a terminal. */
  color: boolean;
  /** The process that printed the line: its `name`/`service` field is not repeated. */
  source?: string;
}

function paint(text: string, code: number | undefined, color: boolean): string {
  return color && code !== undefined ? `\x1b[${code}m${text}\x1b[0m` : text;
}

function levelName(level: unknown): string {
  if (typeof level === 'number') return LEVELS[level] ?? `L${level}`;
  if (typeof level === 'string') return level.toUpperCase();
  return 'INFO';
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s="]+$/.test(value) ? value : JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

interface SerializedError {
  type?: unknown;
  message?: unknown;
  stack?: unknown;
}

function isSerializedError(value: unknown): value is SerializedError {
  return typeof value === 'object' && value !== null && typeof (value as SerializedError).stack === 'string';
}

/**
 * Renders one line a service printed. A pino JSON line becomes `LEVEL msg key=value…` (an error's
 * stack follows on its own lines); anything else is returned as it is.
 */
export function formatLogLine(line: string, options: FormatOptions): string {
  const record = parseRecord(line);
  if (!record) return line;
  const level = levelName(record.level);
  const parts = [paint(level.padEnd(5), LEVEL_COLORS[level], options.color)];
  if (record.msg !== undefined) parts.push(String(record.msg));
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (HIDDEN.has(key)) continue;
    if ((key === 'name' || key === 'service') && value === options.source) continue;
    if (isSerializedError(value)) {
      const message = String(value.message ?? value.type ?? 'error');
      parts.push(`${key}=${renderValue(message)}`);
      const [first = '', ...frames] = String(value.stack).split('\n');
      stacks.push(...(first.includes(message) ? frames : [first, ...frames]));
      continue;
    }
    parts.push(`${key}=${renderValue(value)}`);
  }
  const stackLines = stacks.map((frame) => `    ${frame.trim()}`);
  return [parts.join(' '), ...stackLines.map((s) => paint(s, 90, options.color))].join('\n');
}

function parseRecord(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const record = parsed as Record<string, unknown>;
    return 'level' in record || 'msg' in record ? record : undefined;
  } catch {
    return undefined;
  }
}

/** `name` padded to `width` and coloured by its position in the list of names, then a separator. */
export function formatPrefix(name: string, index: number, width: number, color: boolean): string {
  const code = NAME_COLORS[index % NAME_COLORS.length];
  return `${paint(name.padEnd(width), code, color)} ${paint('|', 90, color)} `;
}

/** Prefixes every line of `text` (a formatted line may span several). */
export function prefixLines(prefix: string, text: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
