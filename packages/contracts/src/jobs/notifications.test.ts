import { describe, expect, it } from 'vitest';
import { examples } from '../examples.ts';
import { parseJob } from '../parse.ts';

const send = examples.notifications['send-message'];
const edit = examples.notifications['edit-message'];

describe('notifications jobs', () => {
  it('accepts content, embeds or files alone', () => {
    const { meta, channelId } = send;
    expect(parseJob('notifications', 'send-message', { channelId, meta, content: 'hi' }).content).toBe('hi');
    expect(
      parseJob('notifications', 'send-message', { channelId, meta, embeds: [{ title: 't' }] }).embeds,
    ).toHaveLength(1);
    expect(parseJob('notifications', 'edit-message', edit).files).toEqual(edit.files);
  });

  it.each([
    [{ content: undefined, embeds: [], files: [] }, 'content: needs content, embeds or files'],
    [{ content: 'x'.repeat(2001) }, 'content: must be at most 2000 characters'],
    [{ embeds: Array.from({ length: 11 }, () => ({})) }, 'embeds: must be at most 10 embeds'],
    [{ idempotencyKey: 'incident:42' }, 'idempotencyKey: '],
    [{ files: [{ storageKey: '/abs/path.mp3', filename: 'a.mp3' }] }, 'files[0].storageKey: '],
  ])('rejects a bad send-message (%#)', (patch, message) => {
    expect(() => parseJob('notifications', 'send-message', { ...send, ...patch })).toThrow(message);
  });

  it('needs the message id to edit', () => {
    expect(() => parseJob('notifications', 'edit-message', { ...edit, messageId: undefined })).toThrow(
      'messageId: is required',
    );
  });
});
