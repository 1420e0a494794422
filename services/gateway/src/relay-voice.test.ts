import { silentLogger } from '@autoalex/contracts';
import { describe, expect, it } from 'vitest';
import { createVoiceRelay } from './relay-voice.ts';

const bot = '1200000000000000001';
const guild = '1500000000000000001';

function slowBus() {
  const added: { name: string; payload: { guildId: string; data: Record<string, unknown> } }[] = [];
  let calls = 0;
  return {
    added,
    bus: {
      // The first add is the slowest: order must still hold.
      enqueue: (async (_queue: string, name: string, payload: never) => {
        const delay = calls++ === 0 ? 30 : 0;
        await new Promise((ok) => setTimeout(ok, delay));
        added.push({ name, payload });
        return String(calls);
      }) as never,
    },
  };
}

describe('voice relay', () => {
  it("relays the bot's own voice states and every voice server update, in dispatch order", async () => {
    const { bus, added } = slowBus();
    const relay = createVoiceRelay({ bus, logger: silentLogger, botUserId: () => bot });
    relay.voiceState({ guild_id: guild, user_id: bot, channel_id: '1', session_id: 's' });
    relay.voiceState({ guild_id: guild, user_id: '1600000000000000001', channel_id: '1', session_id: 'x' });
    relay.voiceServer({ guild_id: guild, token: 't', endpoint: 'e' });
    relay.voiceState({ user_id: bot, channel_id: null, session_id: 's' }); // no guild: a DM call
    await relay.idle();
    expect(added.map((a) => a.name)).toEqual(['voice-state-update', 'voice-server-update']);
    expect(added[0]?.payload).toMatchObject({ guildId: guild, data: { session_id: 's' }, meta: { guildId: guild } });
  });

  it('keeps going after an enqueue fails', async () => {
    let first = true;
    const names: string[] = [];
    const relay = createVoiceRelay({
      bus: {
        enqueue: (async (_q: string, name: string) => {
          if (first) {
            first = false;
            throw new Error('Redis is down');
          }
          names.push(name);
          return '1';
        }) as never,
      },
      logger: silentLogger,
      botUserId: () => bot,
    });
    relay.voiceServer({ guild_id: guild, token: 't', endpoint: 'e' });
    relay.voiceState({ guild_id: guild, user_id: bot, channel_id: null, session_id: 's' });
    await relay.idle();
    expect(names).toEqual(['voice-state-update']);
  });
});
