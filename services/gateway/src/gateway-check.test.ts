import { describe, expect, it } from 'vitest';
import type { ShardState } from './connection.ts';
import { gatewayCheck } from './gateway-check.ts';

const shard = (status: ShardState['status'], extra: Partial<ShardState> = {}): ShardState => ({
  status,
  pingMs: undefined,
  fatalClose: undefined,
  ...extra,
});

function check(connected: boolean, lastError: string | undefined, shards: [number, ShardState][] = []) {
  return gatewayCheck({ state: async () => ({ connected, lastError, shards: new Map(shards) }) })();
}

describe('gateway health check', () => {
  it('is degraded while connecting and down when the connection keeps failing', async () => {
    expect(await check(false, undefined)).toEqual({ status: 'degraded', detail: 'connecting to the Discord gateway' });
    expect(await check(false, 'Discord rejected DISCORD_TOKEN (HTTP 401)')).toEqual({
      status: 'down',
      detail: 'cannot connect to the Discord gateway: Discord rejected DISCORD_TOKEN (HTTP 401); retrying',
    });
  });

  it('is ok with every shard ready, with the worst ping', async () => {
    expect(await check(true, undefined, [[0, shard('ready')]])).toEqual({
      status: 'ok',
      detail: '1 shard ready, ping not measured yet',
    });
    expect(
      await check(true, undefined, [
        [0, shard('ready', { pingMs: 40.4 })],
        [1, shard('ready', { pingMs: 81.6 })],
      ]),
    ).toEqual({ status: 'ok', detail: '2 shards ready, ping 82 ms' });
  });

  it('is degraded while a shard resumes, down when one is idle or closed for good', async () => {
    expect(
      await check(true, undefined, [
        [0, shard('ready')],
        [1, shard('resuming')],
      ]),
    ).toEqual({ status: 'degraded', detail: 'shard 1 resuming; 1 of 2 ready' });
    expect(await check(true, undefined, [[0, shard('idle')]])).toEqual({
      status: 'down',
      detail: 'shard 0 idle; 0 of 1 ready',
    });
    expect(await check(true, undefined, [[0, shard('idle', { fatalClose: 4014 })]])).toEqual({
      status: 'down',
      detail: 'Discord closed the gateway for good (shard 0: 4014); check the token and intents',
    });
  });
});
