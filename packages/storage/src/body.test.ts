import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkPutOptions, checkRange, metered } from './body.ts';
import { ContentLengthMismatchError, InvalidRangeError, StorageError } from './errors.ts';

async function drain(chunks: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk.toString();
  return text;
}

describe('put bodies', () => {
  it('passes Buffers, Uint8Arrays and string chunks through, counting bytes', async () => {
    const { chunks, meter } = metered('k', Readable.from(['ab', Buffer.from('cd'), new Uint8Array([101])]), 5);
    expect(await drain(chunks)).toBe('abcde');
    expect(meter.count()).toBe(5);
    expect(meter.failure()).toBeUndefined();
  });

  it('fails a stream of non-byte chunks with a clear error', async () => {
    const { chunks, meter } = metered('k', Readable.from([{ not: 'bytes' }]), undefined);
    await expect(drain(chunks)).rejects.toMatchObject({ code: 'INVALID_BODY' });
    expect(meter.failure()).toBeInstanceOf(StorageError);
  });

  it('stops as soon as a body runs past contentLength, and closes the source', async () => {
    const source = Readable.from(['1234', '5678', '9']);
    const { chunks } = metered('k', source, 6);
    await expect(drain(chunks)).rejects.toBeInstanceOf(ContentLengthMismatchError);
    expect(source.destroyed).toBe(true);
  });

  it('records the body stream own error as the failure', async () => {
    const boom = new Error('boom');
    const source = Readable.from(
      (async function* () {
        yield Buffer.from('x');
        throw boom;
      })(),
    );
    const { chunks, meter } = metered('k', source, undefined);
    await expect(drain(chunks)).rejects.toBe(boom);
    expect(meter.failure()).toBe(boom);
  });

  it('checks the body type, content type and length up front', () => {
    expect(() => checkPutOptions('k', 'text')).toThrow(/Buffer, a Uint8Array or a Readable/);
    expect(() => checkPutOptions('k', Buffer.from('x'), { contentType: 'audio/mpeg\r\nx-evil: 1' })).toThrow(
      /content type/,
    );
    expect(() => checkPutOptions('k', Buffer.from('x'), { contentLength: 1.5 })).toThrow(/contentLength/);
    expect(checkPutOptions('a/b.mp3', Buffer.from('x'))).toMatchObject({
      contentType: undefined,
      effectiveContentType: 'audio/mpeg',
    });
  });

  it('validates byte ranges', () => {
    expect(checkRange('k', { start: 0 })).toEqual({ start: 0 });
    for (const range of [{ start: -1 }, { start: 1.5 }, { start: 4, end: 3 }, { start: 0, end: Number.NaN }]) {
      expect(() => checkRange('k', range), JSON.stringify(range)).toThrow(InvalidRangeError);
    }
  });
});
