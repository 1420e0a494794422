import { describe, expect, it } from 'vitest';
import { examples } from '../examples.ts';
import { parseJob } from '../parse.ts';

const send = examples['gateway-send']['voice-state'];

describe('gateway-send and voice-events jobs', () => {
  it('accepts a leave (channel_id null) and keeps extra op 4 fields', () => {
    const leave = { ...send, payload: { op: 4, d: { ...send.payload.d, channel_id: null, flags: 2 } } };
    expect(parseJob('gateway-send', 'voice-state', leave).payload.d).toMatchObject({ channel_id: null, flags: 2 });
  });

  it('rejects another opcode and a guild mismatch', () => {
    expect(() => parseJob('gateway-send', 'voice-state', { ...send, payload: { ...send.payload, op: 2 } })).toThrow(
      'payload.op: must be gateway opcode 4',
    );
    const other = { ...send, payload: { op: 4, d: { ...send.payload.d, guild_id: '613425648685547599' } } };
    expect(() => parseJob('gateway-send', 'voice-state', other)).toThrow('payload.d.guild_id: must equal guildId');
  });

  it('passes the voice dispatch data through and checks what the adapter needs', () => {
    const state = examples['voice-events']['voice-state-update'];
    expect(parseJob('voice-events', 'voice-state-update', state).data).toEqual(state.data);
    const server = examples['voice-events']['voice-server-update'];
    expect(
      parseJob('voice-events', 'voice-server-update', { ...server, data: { ...server.data, endpoint: null } }).data
        .endpoint,
    ).toBeNull();
    expect(() =>
      parseJob('voice-events', 'voice-state-update', { ...state, data: { ...state.data, session_id: undefined } }),
    ).toThrow('data.session_id: is required');
    expect(() =>
      parseJob('voice-events', 'voice-server-update', { ...server, data: { ...server.data, token: '' } }),
    ).toThrow('data.token: must be the voice token');
  });
});
