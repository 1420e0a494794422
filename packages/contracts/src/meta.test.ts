import { describe, expect, it } from 'vitest';
import { createMeta, meta } from './meta.ts';

describe('meta', () => {
  it('createMeta makes a valid block with a fresh correlation id', () => {
    const a = createMeta({ requestedBy: '155149108183695360' });
    const b = createMeta();
    expect(meta.parse(a)).toEqual(a);
    expect(a.correlationId).not.toBe(b.correlationId);
    expect(a.requestedBy).toBe('155149108183695360');
  });

  it('createMeta continues an existing request', () => {
    const first = createMeta();
    expect(createMeta({ correlationId: first.correlationId }, 1_800_000_000_000)).toEqual({
      correlationId: first.correlationId,
      createdAt: 1_800_000_000_000,
    });
  });

  it('rejects seconds for createdAt, and ids that are not ids', () => {
    const base = createMeta();
    expect(meta.safeParse({ ...base, createdAt: 1_790_000_000 }).error?.issues[0]?.message).toBe(
      'must be epoch milliseconds, not seconds',
    );
    expect(meta.safeParse({ ...base, correlationId: 'req-1' }).success).toBe(false);
    expect(meta.safeParse({ ...base, guildId: 6134 }).success).toBe(false);
  });
});
