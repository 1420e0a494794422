import type { Check } from '@autoalex/runtime';
import type { GatewayConnection } from './connection.ts';

/** /healthz `gateway`: every shard connected (ok), some reconnecting (degraded), none usable (down). */
export function gatewayCheck(connection: Pick<GatewayConnection, 'state'>): Check {
  return async () => {
    const { connected, lastError, shards } = await connection.state();
    if (!connected) {
      return lastError
        ? { status: 'down', detail: `cannot connect to the Discord gateway: ${lastError}; retrying` }
        : { status: 'degraded', detail: 'connecting to the Discord gateway' };
    }
    const all = [...shards.entries()];
    const fatal = all.filter(([, s]) => s.fatalClose !== undefined);
    if (fatal.length > 0) {
      const codes = fatal.map(([id, s]) => `shard ${id}: ${s.fatalClose}`).join(', ');
      return { status: 'down', detail: `Discord closed the gateway for good (${codes}); check the token and intents` };
    }
    const notReady = all.filter(([, s]) => s.status !== 'ready');
    const pings = all.map(([, s]) => s.pingMs).filter((p): p is number => p !== undefined);
    const ping = pings.length > 0 ? `ping ${Math.round(Math.max(...pings))} ms` : 'ping not measured yet';
    if (notReady.length === 0) {
      return { status: 'ok', detail: `${all.length} shard${all.length === 1 ? '' : 's'} ready, ${ping}` };
    }
    const states = notReady.map(([id, s]) => `shard ${id} ${s.status}`).join(', ');
    return {
      // Reconnecting or resuming is usually a matter of seconds; an idle shard is not coming back.
      status: notReady.some(([, s]) => s.status === 'idle') ? 'down' : 'degraded',
      detail: `${states}; ${all.length - notReady.length} of ${all.length} ready`,
    };
  };
}
