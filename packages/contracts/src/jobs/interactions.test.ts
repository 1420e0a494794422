import { describe, expect, it } from 'vitest';
import { examples } from '../examples.ts';
import { parseJob } from '../parse.ts';
import { MAX_INTERACTION_DEPTH, nestingDepth } from './interactions.ts';

/** Options nested `levels` deep: subcommand in subcommand in … (what no Discord payload has). */
function nestedOptions(levels: number): unknown {
  let options: unknown = [{ name: 'x', type: 3, value: 'v' }];
  for (let i = 0; i < levels; i += 1) options = [{ name: 'g', type: 1, options }];
  return options;
}

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

  it('refuses options nested thousands deep with a clear error, without overflowing the stack', () => {
    const deep = withInteraction({
      data: { id: '1288222222222222222', name: 'remix', type: 1, options: nestedOptions(5000) },
    });
    expect(() => parseJob('interactions', 'interaction', deep)).toThrow(
      `interaction: is nested more than ${MAX_INTERACTION_DEPTH} levels deep`,
    );
  });

  it("accepts Discord's deepest real shapes (a subcommand group's option, components in a container)", () => {
    const group = { id: '1288222222222222222', name: 'remix', type: 1, options: nestedOptions(2) };
    const container = [{ type: 17, components: [{ type: 9, components: [{ type: 10 }], accessory: { media: {} } }] }];
    const message = { components: container, embeds: [{ fields: [{ name: 'a', value: 'b' }] }] };
    expect(() => parseJob('interactions', 'interaction', withInteraction({ data: group, message }))).not.toThrow();
  });

  it('measures nesting without recursion, and stops past the limit', () => {
    expect(nestingDepth('text', 32)).toBe(0);
    expect(nestingDepth({ a: [1, { b: [] }] }, 32)).toBe(4);
    expect(nestingDepth(nestedOptions(100_000), 32)).toBe(33);
  });

  it('rejects an unknown source and a receivedAt in seconds', () => {
    expect(() => parseJob('interactions', 'interaction', { ...good, source: 'webhook' })).toThrow('source: ');
    expect(() => parseJob('interactions', 'interaction', { ...good, receivedAt: 1_790_000_000 })).toThrow(
      'receivedAt: must be epoch milliseconds, not seconds',
    );
  });
});
