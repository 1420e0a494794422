import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { getStream } from './client.ts';
import { createFrameDemuxer } from './demux.ts';
import { createLineAssembler, type LogLine, type RawLine, toLogLine } from './lines.ts';

export interface LogRequest {
  name: string;
  /** The container has a TTY: the body is raw text, not frames. */
  tty: boolean;
  tailLines: number;
  /** Most bytes of log text kept (newest lines win). */
  maxLogBytes: number;
  /** Applied to each whole line before it is kept (redaction). */
  clean: (text: string) => string;
  signal: AbortSignal;
}

export interface LogResult {
  lines: LogLine[];
  /** Lines were dropped or cut: by the byte cap, the line cap, or a body that ended mid-frame. */
  truncated: boolean;
  /** The body was meant to be frames but was not: shown as raw text. */
  garbled: boolean;
}

/** No single line keeps more than this; a longer one is cut and marked with `…`. */
export const MAX_LINE_BYTES = 4096;

/**
 * `GET /containers/{name}/logs?stdout=1&stderr=1&tail=N&timestamps=1`, read as a stream: frames
 * are demultiplexed as they come (raw text for a TTY container), and reading stops once far more
 * than asked for has arrived, so a hostile or broken daemon cannot fill memory.
 *
 * dockerode's `container.logs({follow: false})` is not used: it buffers the whole body and then
 * tries `JSON.parse` on it, so a TTY log that happens to be one JSON value comes back as an object.
 */
export async function fetchLogs(docker: Docker, request: LogRequest): Promise<LogResult> {
  const res: IncomingMessage = await getStream(docker, {
    path: `/containers/${encodeURIComponent(request.name)}/logs`,
    query: { stdout: 1, stderr: 1, tail: request.tailLines, timestamps: 1 },
    signal: request.signal,
  });
  const readLimit = Math.max(request.maxLogBytes * 4, 256 * 1024);
  const demuxer = request.tty ? null : createFrameDemuxer();
  const assembler = createLineAssembler(MAX_LINE_BYTES);
  const raw: RawLine[] = [];
  let read = 0;
  let stoppedEarly = false;

  for await (const chunk of res as AsyncIterable<Buffer>) {
    read += chunk.length;
    const pieces = demuxer ? demuxer.push(chunk) : [{ stream: 'stdout' as const, data: chunk }];
    for (const piece of pieces) raw.push(...assembler.push(piece.stream, piece.data));
    if (read > readLimit) {
      stoppedEarly = true;
      res.destroy();
      break;
    }
  }
  raw.push(...assembler.end());
  const ended = demuxer?.end() ?? { incomplete: false, garbage: false };

  let truncated = stoppedEarly || ended.incomplete;
  let lines = raw.map((line) => {
    if (line.cut) truncated = true;
    const parsed = toLogLine(line, true);
    return { ...parsed, text: request.clean(parsed.text) };
  });
  if (lines.length > request.tailLines) {
    lines = lines.slice(-request.tailLines);
    truncated = true;
  }
  const kept = keepNewest(lines, request.maxLogBytes);
  return { lines: kept, truncated: truncated || kept.length < lines.length, garbled: ended.garbage };
}

/** The newest lines whose text fits in `maxBytes` (UTF-8). */
function keepNewest(lines: LogLine[], maxBytes: number): LogLine[] {
  let bytes = 0;
  let first = lines.length;
  while (first > 0) {
    const size = Buffer.byteLength(lines[first - 1]!.text, 'utf8') + 1;
    if (bytes + size > maxBytes) break;
    bytes += size;
    first -= 1;
  }
  return lines.slice(first);
}
