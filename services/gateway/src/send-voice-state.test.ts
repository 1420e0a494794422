import { createMeta, silentLogger } from '@autoalex/contracts';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { sendVoiceState } from './send-voice-state.ts';

const guildOnShard1 = String((99_999_999n << 22n) | 7n); // (id >> 22) % 2 === 1
const job = (guildId: string) => ({
  guildId,
  payload: {
    op: 4 as const,
    d: { guild_id: guildId, channel_id: '1400000000000000001', self_mute: false, self_deaf: true },
  },
  meta: createMeta({ guildId }),
});
const ctx = { log: silentLogger };

function connection(shards: { shardCount: number; shardIds: number[] } | undefined) {
  const sent: { shardId: number; payload: unknown }[] = [];
  return {
    sent,
    shards: async () => shards,
    send: async (shardId: number, payload: unknown) => {
      sent.push({ shardId, payload });
    },
  };
}

describe('gateway-send voice-state', () => {
  it('sends op 4 on the shard that holds the guild', async () => {
    const conn = connection({ shardCount: 2, shardIds: [0, 1] });
    await sendVoiceState({ connection: conn }, job(guildOnShard1), ctx);
    expect(conn.sent).toEqual([{ shardId: 1, payload: job(guildOnShard1).payload }]);
  });

  it('fails for good when another replica runs that shard', async () => {
    const conn = connection({ shardCount: 2, shardIds: [0] });
    const sending = sendVoiceState({ connection: conn }, job(guildOnShard1), ctx);
    await expect(sending).rejects.toThrow(UnrecoverableError);
    await expect(sending).rejects.toThrow(
      `guild ${guildOnShard1} is on shard 1, which this gateway does not run (it runs 0)`,
    );
    expect(conn.sent).toEqual([]);
  });

  it('fails (to be retried) before the gateway is connected', async () => {
    const sending = sendVoiceState({ connection: connection(undefined) }, job(guildOnShard1), ctx);
    await expect(sending).rejects.toThrow('not connected to the Discord gateway yet');
    await expect(sending).rejects.not.toThrow(UnrecoverableError);
  });
});
