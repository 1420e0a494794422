import type { FakeContainer, FakeLogLine } from './model.ts';

/** Stream ids in the multiplexed format's header: byte 0 of each 8-byte header. */
export const STREAM_ID = { stdin: 0, stdout: 1, stderr: 2 } as const;

export const MULTIPLEXED = 'application/vnd.docker.multiplexed-stream';
export const RAW_STREAM = 'application/vnd.docker.raw-stream';

/** One frame: `[stream, 0, 0, 0, size uint32 BE]` then `size` payload bytes. */
export function encodeFrame(stream: 'stdin' | 'stdout' | 'stderr', payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header.writeUInt8(STREAM_ID[stream], 0);
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

export interface LogQuery {
  stdout: boolean;
  stderr: boolean;
  timestamps: boolean;
  /** Lines from the end; `undefined` for all. */
  tail: number | undefined;
}

/** Reads the logs query the way the daemon does: Go's ParseBool, and `tail` that is not a number means all. */
export function parseLogQuery(query: URLSearchParams): LogQuery {
  const tailText = query.get('tail') ?? 'all';
  const tail = /^-?\d+$/.test(tailText) ? Number.parseInt(tailText, 10) : -1;
  return {
    stdout: parseBool(query.get('stdout')),
    stderr: parseBool(query.get('stderr')),
    timestamps: parseBool(query.get('timestamps')),
    tail: tail < 0 ? undefined : tail,
  };
}

function parseBool(value: string | null): boolean {
  return value !== null && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value);
}

/**
 * The body of `GET /containers/{id}/logs` (no follow): one frame per line for a container without
 * a TTY, raw bytes with `\r\n` line ends (what a pseudo-terminal writes) for a TTY container.
 */
export function renderLogs(container: FakeContainer, query: LogQuery): Buffer {
  if (container.rawLogBody) return container.rawLogBody;
  let lines: FakeLogLine[] = container.logs.filter((line) =>
    // A TTY has one output stream: everything is stdout.
    container.tty ? query.stdout : line.stream === 'stdout' ? query.stdout : query.stderr,
  );
  if (query.tail !== undefined) lines = query.tail === 0 ? [] : lines.slice(-query.tail);
  const text = (line: FakeLogLine) =>
    `${query.timestamps ? `${line.time} ` : ''}${line.text}${container.tty ? '\r\n' : '\n'}`;
  if (container.tty) return Buffer.from(lines.map(text).join(''), 'utf8');
  return Buffer.concat(lines.map((line) => encodeFrame(line.stream, text(line))));
}
