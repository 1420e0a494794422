/**
 * Incremental reader of Docker's multiplexed stream (the body of `GET /containers/{id}/logs` for a
 * container without a TTY): frames of an 8-byte header `[stream, 0, 0, 0, size uint32 BE]` and
 * `size` payload bytes; stream 0 stdin, 1 stdout, 2 stderr.
 *
 * Chunks may split a header or a payload anywhere; payload bytes are handed out as they arrive.
 * A header that cannot be one (unknown stream, non-zero padding) means the body is not
 * multiplexed after all (a TTY container, or a proxy that rewrote it): from there on everything,
 * that header included, is passed through as stdout and `garbage` is set.
 */

export type StreamName = 'stdin' | 'stdout' | 'stderr';

export interface DemuxedChunk {
  stream: StreamName;
  data: Buffer;
}

export interface DemuxEnd {
  /** Bytes still owed when the body ended: a header cut short, or a payload shorter than its size. */
  incomplete: boolean;
  /** The body stopped looking like frames (see the module comment). */
  garbage: boolean;
}

export interface FrameDemuxer {
  push(chunk: Buffer): DemuxedChunk[];
  end(): DemuxEnd;
}

const STREAMS: Record<number, StreamName> = { 0: 'stdin', 1: 'stdout', 2: 'stderr' };
const HEADER_BYTES = 8;

export function createFrameDemuxer(): FrameDemuxer {
  let header = Buffer.alloc(0);
  let stream: StreamName = 'stdout';
  let remaining = 0;
  let garbage = false;

  return {
    push(chunk) {
      const out: DemuxedChunk[] = [];
      const emit = (s: StreamName, data: Buffer) => {
        if (data.length > 0) out.push({ stream: s, data });
      };
      if (garbage) {
        emit('stdout', chunk);
        return out;
      }
      let at = 0;
      while (at < chunk.length) {
        if (remaining > 0) {
          const take = Math.min(remaining, chunk.length - at);
          emit(stream, chunk.subarray(at, at + take));
          remaining -= take;
          at += take;
          continue;
        }
        const need = HEADER_BYTES - header.length;
        const piece = chunk.subarray(at, at + need);
        header = header.length === 0 ? Buffer.from(piece) : Buffer.concat([header, piece]);
        at += piece.length;
        if (header.length < HEADER_BYTES) break;
        const name = STREAMS[header[0]!];
        if (!name || header[1] !== 0 || header[2] !== 0 || header[3] !== 0) {
          garbage = true;
          emit('stdout', Buffer.concat([header, chunk.subarray(at)]));
          header = Buffer.alloc(0);
          return out;
        }
        stream = name;
        remaining = header.readUInt32BE(4);
        header = Buffer.alloc(0);
      }
      return out;
    },
    end() {
      return { incomplete: !garbage && (remaining > 0 || header.length > 0), garbage };
    },
  };
}

/** Demultiplexes a whole body at once. */
export function demultiplex(body: Buffer): { chunks: DemuxedChunk[] } & DemuxEnd {
  const demuxer = createFrameDemuxer();
  const chunks = demuxer.push(body);
  return { chunks, ...demuxer.end() };
}
