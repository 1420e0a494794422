import { describe, expect, it } from 'vitest';
import { ContractError } from './errors.ts';
import { examples } from './examples.ts';
import { fieldPath, parseJob } from './parse.ts';

describe('parseJob', () => {
  it('returns the parsed payload with defaults applied and unknown keys dropped', () => {
    const parsed = parseJob('player', 'skip', { guildId: '613425648685547541', meta: examples.player.skip.meta, x: 1 });
    expect(parsed.count).toBe(1);
    expect(parsed).not.toHaveProperty('x');
  });

  it('throws a ContractError naming queue, job and every bad field', () => {
    const bad = {
      ...examples.remix.remix,
      stem: 'kazoo',
      reply: { ...examples.remix.remix.reply, channelId: 'general' },
    };
    let error: unknown;
    try {
      parseJob('remix', 'remix', bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ContractError);
    const contract = error as ContractError;
    expect(contract.queue).toBe('remix');
    expect(contract.job).toBe('remix');
    expect(contract.issues.map((i) => i.field).sort()).toEqual(['reply.channelId', 'stem']);
    expect(contract.message).toMatch(/^remix\/remix: invalid payload: /);
    expect(contract.message).toContain('reply.channelId: must be a Discord id');
    expect(() => parseJob('remix', 'remix', { ...examples.remix.remix, meta: undefined })).toThrow('meta: is required');
  });

  it('rejects unknown queues and jobs by name', () => {
    expect(() => parseJob('nope', 'x', {})).toThrow('nope: unknown queue');
    expect(() => parseJob('remix', 'separate', {})).toThrow('remix/separate: unknown job (known: remix)');
  });

  it('rejects a payload that is not an object', () => {
    expect(() => parseJob('monitor', 'check-now', null)).toThrow(/monitor\/check-now: invalid payload: \(payload\)/);
  });
});

describe('fieldPath', () => {
  it('writes array indexes in brackets', () => {
    expect(fieldPath(['files', 0, 'storageKey'])).toBe('files[0].storageKey');
    expect(fieldPath([])).toBe('');
  });
});
