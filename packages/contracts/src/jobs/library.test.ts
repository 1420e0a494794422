import { describe, expect, it } from 'vitest';
import { examples } from '../examples.ts';
import { parseJob } from '../parse.ts';

describe('library and monitor jobs', () => {
  it('fills defaults', () => {
    const { meta } = examples.library['sync-full'];
    expect(parseJob('library', 'sync-full', { meta }).reason).toBe('manual');
    expect(parseJob('library', 'enrich-credits', examples.library['enrich-credits'])).toMatchObject({
      albumRatingKey: '9120',
      force: false,
    });
    expect(parseJob('library', 'sync-top-rated', { meta }).userId).toBeUndefined();
  });

  it('rejects bad values', () => {
    const { meta } = examples.library['sync-full'];
    expect(() => parseJob('library', 'sync-full', { meta, reason: 'cron' })).toThrow('reason: ');
    expect(() => parseJob('library', 'sync-incremental', { meta, since: 1_790_000_000 })).toThrow('since: ');
    expect(() => parseJob('library', 'enrich-credits', { meta, albumRatingKey: -1 })).toThrow('albumRatingKey: ');
    expect(() => parseJob('monitor', 'check-now', { meta, reply: { kind: 'discord' } })).toThrow(
      'reply.applicationId: is required',
    );
  });
});
