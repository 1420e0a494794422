import { BusUnavailableError, createBus, silentLogger } from '@autoalex/contracts';
import {
  type ClaimStore,
  createDeadlineGuard,
  type DeadlineGuard,
  type GuardResponder,
  type InteractionResponseBody,
  REFUSED_MESSAGE,
  type WatchOptions,
} from '@autoalex/ingress';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { describe, expect, it } from 'vitest';
import { relayInteraction } from './relay-interaction.ts';

const raw = {
  id: '1300000000000000001',
  application_id: '1200000000000000001',
  type: 2,
  token: 'tok',
  version: 1,
  data: { name: 'help' },
};

function watchingGuard() {
  const watched: { id: string; options: WatchOptions }[] = [];
  const guard = {
    watch: (interaction: { id: string }, options: WatchOptions) => {
      watched.push({ id: interaction.id, options });
      return { done: Promise.resolve('answered' as const), cancel: () => {} };
    },
  } as unknown as DeadlineGuard;
  return { guard, watched };
}

describe('relayInteraction', () => {
  it('publishes, then guards from the time of receipt', async () => {
    const { guard, watched } = watchingGuard();
    const added: unknown[] = [];
    const bus = {
      enqueue: (async (_q: string, _n: string, payload: unknown) => {
        added.push(payload);
        return 'interaction-1';
      }) as never,
    };
    await relayInteraction({ bus, guard, logger: silentLogger, now: () => 1_800_000_000_000 }, raw);
    expect(added).toMatchObject([{ interaction: raw, source: 'gateway', receivedAt: 1_800_000_000_000 }]);
    expect(watched).toEqual([{ id: raw.id, options: { receivedAt: 1_800_000_000_000, published: true } }]);
  });

  it('still guards (answering at once) when the bus is down', async () => {
    const { guard, watched } = watchingGuard();
    const bus = {
      enqueue: (async () => {
        throw new BusUnavailableError('interactions', 'interaction', new Error('ECONNREFUSED'));
      }) as never,
    };
    await relayInteraction({ bus, guard, logger: silentLogger }, raw);
    expect(watched[0]?.options.published).toBe(false);
  });

  it('tells the user at once that options nested 5,000 deep cannot be read: never "busy", never a crash', async () => {
    let options: unknown = [];
    for (let i = 0; i < 5000; i += 1) options = [{ name: 'g', type: 1, options }];
    const deep = { ...raw, id: '1300000000000000099', data: { name: 'help', type: 1, options } };
    const answered: InteractionResponseBody[] = [];
    const responder = {
      respond: async (_target: unknown, body: InteractionResponseBody) => {
        answered.push(body);
      },
    } as unknown as GuardResponder;
    const claims: ClaimStore = { claim: async () => true };
    const guard = createDeadlineGuard({ claims, responder });
    // The real bus: its contract must refuse the payload before BullMQ serialises it.
    const bus = createBus({ connection: testRedisUrl(), prefix: testQueuePrefix() });
    try {
      await relayInteraction({ bus, guard, logger: silentLogger }, deep);
      await guard.drain();
      expect(answered).toEqual([
        { type: 4, data: { content: REFUSED_MESSAGE, flags: 64, allowed_mentions: { parse: [] } } },
      ]);
      expect(await bus.queue('interactions').getJob(`interaction-${deep.id}`)).toBeUndefined();
    } finally {
      guard.close();
      await bus.close();
    }
  });

  it('drops what is not an interaction, unguarded', async () => {
    const { guard, watched } = watchingGuard();
    const bus = { enqueue: (async () => 'x') as never };
    await relayInteraction({ bus, guard, logger: silentLogger }, { ...raw, id: 'nope' });
    await relayInteraction({ bus, guard, logger: silentLogger }, null);
    expect(watched).toEqual([]);
  });
});
