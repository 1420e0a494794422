import { describe, expect, it } from 'vitest';
import { examples } from '../examples.ts';
import { parseJob } from '../parse.ts';

const good = examples.interactions.interaction;
const withInteraction = (patch: Record<string, unknown>) => ({
  ...good,
  interaction: { ...good.interaction, ...patch },
});

describe('interactions/interaction', () => {
  it('keeps every field of the Discord interaction it does not check', () => {
    const parsed = parseJob('interactions', 'interaction', withInteraction({ member: { user: { id: '1' } } }));
    expect(parsed.interaction.data).toEqual({ id: '1288222222222222222', name: 'remix', type: 1 });
    expect(parsed.interaction.member).toEqual({ user: { id: '1' } });
    expect(parsed.interaction.attachment_size_limit).toBe(20 * 1024 * 1024);
  });

  it.each([
    [{ id: 1300 }, 'interaction.id: must be a Discord id'],
    [{ id: undefined }, 'interaction.id: is required'],
    [{ application_id: undefined }, 'interaction.application_id: is required'],
    [{ type: 9 }, 'interaction.type: must be a Discord interaction type (1-5)'],
    [{ token: '' }, 'interaction.token: must be the interaction token'],
    [{ version: 2 }, 'interaction.version: must be interaction version 1'],
  ])('rejects %o (%s)', (patch, message) => {
    expect(() => parseJob('interactions', 'interaction', withInteraction(patch))).toThrow(message);
  });

  it('rejects an unknown source and a receivedAt in seconds', () => {
    expect(() => parseJob('interactions', 'interaction', { ...good, source: 'webhook' })).toThrow('source: ');
    expect(() => parseJob('interactions', 'interaction', { ...good, receivedAt: 1_790_000_000 })).toThrow(
      'receivedAt: must be epoch milliseconds, not seconds',
    );
  });
});
