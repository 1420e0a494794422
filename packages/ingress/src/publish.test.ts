import { ContractError, createBus, type JobInput } from '@autoalex/contracts';
import { describe, expect, it } from 'vitest';
import { publishInteraction } from './publish.ts';

function recordingBus() {
  const added: { queue: string; name: string; payload: JobInput<'interactions', 'interaction'> }[] = [];
  return {
    added,
    bus: {
      enqueue: (async (queue: string, name: string, payload: JobInput<'interactions', 'interaction'>) => {
        added.push({ queue, name, payload });
        return `interaction-${payload.interaction.id}`;
      }) as ReturnType<typeof createBus>['enqueue'],
    },
  };
}

const raw = {
  id: '1300000000000000001',
  application_id: '1200000000000000001',
  type: 2,
  token: 'tok',
  version: 1,
  guild_id: '1500000000000000001',
  member: { user: { id: '1600000000000000001' } },
  data: { name: 'help' },
  brand_new_field: [1, 2, 3],
};

describe('publishInteraction', () => {
  it('enqueues the raw interaction with its source, receipt time and who asked where', async () => {
    const { bus, added } = recordingBus();
    const published = await publishInteraction({ bus }, raw, 'gateway', 1_800_000_000_000);
    expect(added).toHaveLength(1);
    const [{ queue, name, payload }] = added as [(typeof added)[number]];
    expect([queue, name]).toEqual(['interactions', 'interaction']);
    expect(payload).toMatchObject({ interaction: raw, receivedAt: 1_800_000_000_000, source: 'gateway' });
    expect(payload.meta).toMatchObject({
      requestedBy: '1600000000000000001',
      guildId: '1500000000000000001',
      createdAt: 1_800_000_000_000,
    });
    expect(published).toMatchObject({ jobId: `interaction-${raw.id}`, correlationId: payload.meta.correlationId });
  });

  it('takes the user of a DM interaction', async () => {
    const { bus, added } = recordingBus();
    const { guild_id: _g, member: _m, ...dm } = raw;
    await publishInteraction({ bus }, { ...dm, user: { id: '1700000000000000001' } }, 'http', 1_800_000_000_000);
    expect(added[0]?.payload.meta).toMatchObject({ requestedBy: '1700000000000000001' });
    expect(added[0]?.payload.meta).not.toHaveProperty('guildId');
  });

  it('refuses what is not an interaction with a ContractError naming the field (real bus, nothing sent)', async () => {
    const bus = createBus({ connection: 'redis://127.0.0.1:1', prefix: 'never', timeoutMs: 100 });
    try {
      await expect(publishInteraction({ bus }, { ...raw, id: 'x' }, 'gateway')).rejects.toThrow(ContractError);
      await expect(publishInteraction({ bus }, 'nope', 'gateway')).rejects.toThrow(/interaction/);
    } finally {
      await bus.close();
    }
  });
});
