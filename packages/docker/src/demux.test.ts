import { describe, expect, it } from 'vitest';
import { createFrameDemuxer, type DemuxedChunk, demultiplex } from './demux.ts';

/** A frame built by hand from the Engine API documentation: [stream, 0, 0, 0, size BE] + payload. */
function frame(stream: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.from([stream, 0, 0, 0, ...u32(body.length)]), body]);
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/** Joins consecutive chunks of one stream, so results compare regardless of how input was cut. */
function merged(chunks: DemuxedChunk[]): { stream: string; text: string }[] {
  const out: { stream: string; text: string }[] = [];
  for (const chunk of chunks) {
    const last = out.at(-1);
    if (last && last.stream === chunk.stream) last.text += chunk.data.toString('latin1');
    else out.push({ stream: chunk.stream, text: chunk.data.toString('latin1') });
  }
  return out;
}

function feed(pieces: Buffer[]) {
  const demuxer = createFrameDemuxer();
  const chunks = pieces.flatMap((p) => demuxer.push(p));
  return { chunks: merged(chunks), ...demuxer.end() };
}

const body = Buffer.concat([frame(1, 'hello\n'), frame(2, 'boom\n'), frame(1, 'bye\n')]);
const expected = [
  { stream: 'stdout', text: 'hello\n' },
  { stream: 'stderr', text: 'boom\n' },
  { stream: 'stdout', text: 'bye\n' },
];

describe('multiplexed stream demuxer', () => {
  it('reads whole frames: stream 1 stdout, 2 stderr, 0 stdin', () => {
    expect(feed([body])).toEqual({ chunks: expected, incomplete: false, garbage: false });
    expect(feed([frame(0, 'typed')]).chunks).toEqual([{ stream: 'stdin', text: 'typed' }]);
  });

  it('gives the same result wherever one cut falls, headers included', () => {
    for (let cut = 0; cut <= body.length; cut += 1) {
      expect(feed([body.subarray(0, cut), body.subarray(cut)]), `cut at ${cut}`).toEqual({
        chunks: expected,
        incomplete: false,
        garbage: false,
      });
    }
  });

  it('survives being fed one byte at a time', () => {
    const bytes = [...body].map((b) => Buffer.from([b]));
    expect(feed(bytes)).toEqual({ chunks: expected, incomplete: false, garbage: false });
  });

  it('hands out a payload as it arrives, before its frame is complete', () => {
    const demuxer = createFrameDemuxer();
    const whole = frame(2, 'abcdefgh');
    expect(demuxer.push(whole.subarray(0, 11)).map((c) => c.data.toString())).toEqual(['abc']);
    expect(demuxer.push(whole.subarray(11)).map((c) => [c.stream, c.data.toString()])).toEqual([['stderr', 'defgh']]);
  });

  it('keeps the header split across chunks (5 + 3 bytes) and reads the frame after it', () => {
    const first = frame(1, 'one\n');
    const second = frame(2, 'two\n');
    const all = Buffer.concat([first, second]);
    const split = first.length + 5;
    expect(feed([all.subarray(0, split), all.subarray(split)]).chunks).toEqual([
      { stream: 'stdout', text: 'one\n' },
      { stream: 'stderr', text: 'two\n' },
    ]);
  });

  it('reports a truncated final frame and keeps the bytes that came', () => {
    const cut = Buffer.concat([frame(1, 'whole\n'), frame(2, 'partial line\n').subarray(0, 8 + 4)]);
    expect(feed([cut])).toEqual({
      chunks: [
        { stream: 'stdout', text: 'whole\n' },
        { stream: 'stderr', text: 'part' },
      ],
      incomplete: true,
      garbage: false,
    });
  });

  it('reports a body that ends inside a header', () => {
    const cut = Buffer.concat([frame(1, 'x\n'), Buffer.from([2, 0, 0])]);
    expect(feed([cut])).toEqual({ chunks: [{ stream: 'stdout', text: 'x\n' }], incomplete: true, garbage: false });
  });

  it('a size far beyond the body is just an incomplete frame', () => {
    const lying = Buffer.concat([Buffer.from([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), Buffer.from('tiny')]);
    expect(feed([lying])).toEqual({ chunks: [{ stream: 'stdout', text: 'tiny' }], incomplete: true, garbage: false });
  });

  it('skips empty frames', () => {
    expect(feed([Buffer.concat([frame(1, ''), frame(2, 'e\n'), frame(1, '')])]).chunks).toEqual([
      { stream: 'stderr', text: 'e\n' },
    ]);
  });

  it('passes raw text through as stdout when the body is not frames (a TTY)', () => {
    expect(feed([Buffer.from('plain text\r\nmore\r\n')])).toEqual({
      chunks: [{ stream: 'stdout', text: 'plain text\r\nmore\r\n' }],
      incomplete: false,
      garbage: true,
    });
  });

  it('switches to raw passthrough at the first impossible header, keeping earlier frames', () => {
    const bad = Buffer.concat([frame(1, 'ok\n'), Buffer.from([7, 0, 0, 0, 0, 0, 0, 1]), Buffer.from('rest')]);
    const result = feed([bad.subarray(0, 13), bad.subarray(13)]);
    expect(result.garbage).toBe(true);
    expect(result.incomplete).toBe(false);
    expect(result.chunks[0]).toEqual({ stream: 'stdout', text: `ok\n${'\x07\0\0\0\0\0\0\x01'}rest` });
  });

  it('treats non-zero padding bytes as garbage', () => {
    const padded = Buffer.from([1, 0, 9, 0, 0, 0, 0, 2, 0x61, 0x62]);
    expect(demultiplex(padded)).toMatchObject({ garbage: true, incomplete: false });
  });

  it('keeps multi-byte characters intact across frame boundaries (bytes, not text)', () => {
    const snowman = Buffer.from('☃\n', 'utf8');
    const result = demultiplex(Buffer.concat([frame(1, snowman.subarray(0, 1)), frame(1, snowman.subarray(1))]));
    expect(Buffer.concat(result.chunks.map((c) => c.data)).toString('utf8')).toBe('☃\n');
  });
});
