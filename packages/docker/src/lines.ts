import type { StreamName } from './demux.ts';

/** One log line, ready to show: no line end, no terminal escapes. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** RFC 3339 time Docker recorded the line at (`timestamps=1`), or null. */
  timestamp: string | null;
  text: string;
}

export interface RawLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** The line was longer than the assembler keeps and was cut. */
  cut: boolean;
}

export interface LineAssembler {
  /** Adds bytes of one stream; returns the lines they complete. */
  push(stream: StreamName, data: Buffer): RawLine[];
  /** Returns what is left of unfinished lines, one per stream. */
  end(): RawLine[];
}

/**
 * Splits each stream into lines separately (Docker splits lines over 16 KiB across frames, and
 * stdout and stderr frames interleave). Bytes are decoded only once a line is whole, so a UTF-8
 * character split between frames survives. A line keeps at most `maxLineBytes`.
 */
export function createLineAssembler(maxLineBytes: number): LineAssembler {
  const pending = new Map<'stdout' | 'stderr', { parts: Buffer[]; bytes: number; cut: boolean }>();
  const take = (stream: 'stdout' | 'stderr') => {
    const entry = pending.get(stream);
    pending.delete(stream);
    return entry;
  };

  return {
    push(streamName, data) {
      const stream = streamName === 'stderr' ? 'stderr' : 'stdout';
      const out: RawLine[] = [];
      let at = 0;
      while (at <= data.length) {
        const newline = data.indexOf(0x0a, at);
        const end = newline === -1 ? data.length : newline;
        const piece = data.subarray(at, end);
        let entry = pending.get(stream);
        if (!entry) {
          entry = { parts: [], bytes: 0, cut: false };
          pending.set(stream, entry);
        }
        const room = maxLineBytes - entry.bytes;
        if (piece.length > room) entry.cut = true;
        const kept = piece.subarray(0, Math.max(0, room));
        if (kept.length > 0) {
          entry.parts.push(kept);
          entry.bytes += kept.length;
        }
        if (newline === -1) break;
        take(stream);
        out.push({ stream, text: decode(entry.parts), cut: entry.cut });
        at = newline + 1;
      }
      return out;
    },
    end() {
      const out: RawLine[] = [];
      for (const stream of ['stdout', 'stderr'] as const) {
        const entry = take(stream);
        if (entry && entry.bytes > 0) out.push({ stream, text: decode(entry.parts), cut: entry.cut });
      }
      return out;
    },
  };
}

function decode(parts: Buffer[]): string {
  return Buffer.concat(parts).toString('utf8');
}

const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
// CSI sequences (colours, cursor moves), OSC sequences (titles, links), and two-byte escapes.
const TERMINAL_ESCAPES = new RegExp(
  `${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)|${ESC}[@-Z\\\\-_]`,
  'g',
);
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?/;

/**
 * Turns a raw line into a LogLine: the `timestamps=1` prefix is split off, the line end's `\r`
 * (a TTY writes CRLF) dropped, a carriage-return overwrite (progress bars) reduced to what a
 * terminal would show last, and terminal escapes and other control characters removed.
 */
export function toLogLine(raw: RawLine, timestamps: boolean): LogLine {
  let text = raw.text;
  let timestamp: string | null = null;
  if (timestamps) {
    const match = TIMESTAMP.exec(text);
    if (match) {
      timestamp = match[1]!;
      text = text.slice(match[0].length);
    }
  }
  text = text.replace(/\r+$/, '');
  const overwritten = text.lastIndexOf('\r');
  if (overwritten !== -1) text = text.slice(overwritten + 1);
  text = stripControl(text.replace(TERMINAL_ESCAPES, ''));
  if (raw.cut) text = `${text}…`;
  return { stream: raw.stream, timestamp, text };
}

function stripControl(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code === 9 || (code >= 32 && code !== 127)) out += char;
  }
  return out;
}
