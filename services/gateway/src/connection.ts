import type { Logger } from '@autoalex/contracts';
import type { REST } from '@discordjs/rest';
import {
  CloseCodes,
  type SessionInfo,
  WebSocketManager,
  WebSocketShardEvents,
  WebSocketShardStatus,
} from '@discordjs/ws';
import { type GatewayDispatchPayload, GatewayIntentBits } from 'discord-api-types/v10';
import type { ShardPlan } from './shards.ts';

/**
 * The Discord WebSocket: @discordjs/ws (what discord.js 14 runs underneath) without the discord.js
 * Client, because the gateway needs raw dispatches, no caches, and session callbacks it controls
 * (ADR 0110). Intents: Guilds and GuildVoiceStates only, no privileged ones.
 */
export const GATEWAY_INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildVoiceStates;

export interface Dispatch {
  data: GatewayDispatchPayload;
  shardId: number;
}

export interface GatewayConnectionOptions {
  token: string;
  rest: REST;
  plan: ShardPlan;
  sessions: {
    retrieve(shardId: number): SessionInfo | null;
    update(shardId: number, info: SessionInfo | null): void;
  };
  logger: Logger;
  onDispatch(dispatch: Dispatch): void;
  /** READY's user id (the bot's own). */
  onReady?(userId: string, shardId: number): void;
  /** First retry delay after a failed connect (default 1 s, doubling up to `maxRetryMs`). */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface ShardState {
  status: 'idle' | 'connecting' | 'resuming' | 'ready';
  /** Last heartbeat round trip in ms. */
  pingMs: number | undefined;
  /** Close code of a close Discord does not let us recover from. */
  fatalClose: number | undefined;
}

export interface GatewayConnection {
  /** Connects in the background, retrying with backoff until it works or `close()` is called. */
  start(): void;
  /** The shards this replica runs and the total (known once connected). */
  shards(): Promise<{ shardCount: number; shardIds: number[] } | undefined>;
  state(): Promise<{ connected: boolean; lastError: string | undefined; shards: Map<number, ShardState> }>;
  /** Sends a payload (op 4) on a shard; waits up to `timeoutMs` for a reconnecting shard. */
  send(shardId: number, payload: { op: number; d: unknown }, timeoutMs?: number): Promise<void>;
  /** Closes every shard with a resumable close code; the stored sessions stay valid. */
  close(): Promise<void>;
}

const STATUS: Record<WebSocketShardStatus, ShardState['status']> = {
  [WebSocketShardStatus.Idle]: 'idle',
  [WebSocketShardStatus.Connecting]: 'connecting',
  [WebSocketShardStatus.Resuming]: 'resuming',
  [WebSocketShardStatus.Ready]: 'ready',
};

/** Close codes after which Discord will not let the same configuration in again (4004 bad token…). */
const FATAL_CLOSE_CODES = new Set([4004, 4010, 4011, 4012, 4013, 4014]);

export function createGatewayConnection(options: GatewayConnectionOptions): GatewayConnection {
  const log = options.logger.child({ component: 'discord-gateway' });
  const manager = new WebSocketManager({
    token: options.token,
    intents: GATEWAY_INTENTS,
    rest: options.rest,
    shardCount: options.plan.shardCount,
    shardIds: options.plan.shardIds,
    retrieveSessionInfo: (shardId) => options.sessions.retrieve(shardId),
    updateSessionInfo: (shardId, info) => options.sessions.update(shardId, info),
  });
  const pings = new Map<number, number>();
  const fatal = new Map<number, number>();
  let connected = false;
  let closing = false;
  let lastError: string | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let connecting: Promise<void> | undefined;

  manager.on(WebSocketShardEvents.Dispatch, ({ data, shardId }) => {
    try {
      options.onDispatch({ data, shardId });
    } catch (err) {
      log.error({ err, t: data.t, shardId }, 'dispatch handler failed');
    }
  });
  manager.on(WebSocketShardEvents.Ready, ({ data, shardId }) => {
    fatal.delete(shardId);
    log.info({ shardId, sessionType: 'new' }, `shard ${shardId} ready (identified)`);
    options.onReady?.(data.user.id, shardId);
  });
  manager.on(WebSocketShardEvents.Resumed, ({ shardId }) => {
    fatal.delete(shardId);
    log.info({ shardId, sessionType: 'resumed' }, `shard ${shardId} ready (resumed)`);
  });
  manager.on(WebSocketShardEvents.HeartbeatComplete, ({ latency, shardId }) => {
    pings.set(shardId, latency);
  });
  manager.on(WebSocketShardEvents.Closed, ({ code, shardId }) => {
    if (FATAL_CLOSE_CODES.has(code)) {
      fatal.set(shardId, code);
      log.error({ shardId, code }, `Discord closed shard ${shardId} with ${code} and will not let it back in`);
    } else if (!closing) {
      log.info({ shardId, code }, `shard ${shardId} closed (${code}); reconnecting`);
    }
  });
  manager.on(WebSocketShardEvents.Error, ({ error, shardId }) => {
    log.warn({ shardId, detail: error.message }, `shard ${shardId} error`);
  });

  const attempt = async (delayMs: number): Promise<void> => {
    if (closing) return;
    try {
      await manager.connect();
      connected = true;
      lastError = undefined;
    } catch (err) {
      const detail = describe(err);
      if (detail !== lastError)
        log.warn({ detail, retryInMs: delayMs }, 'cannot connect to the Discord gateway; retrying');
      lastError = detail;
      if (closing) return;
      // A half-connected manager is torn down before the next try.
      await Promise.resolve(manager.destroy({ code: CloseCodes.Resuming, reason: 'retrying' })).catch(() => {});
      retryTimer = setTimeout(() => {
        connecting = attempt(Math.min(delayMs * 2, options.maxRetryMs ?? 60_000));
      }, delayMs);
    }
  };

  const shards = async () => {
    if (!connected) return undefined;
    return { shardCount: await manager.getShardCount(), shardIds: await manager.getShardIds() };
  };

  return {
    start() {
      connecting ??= attempt(options.retryMs ?? 1000);
    },
    shards,
    async state() {
      const statuses = connected ? await manager.fetchStatus() : new Map<number, WebSocketShardStatus>();
      const result = new Map<number, ShardState>();
      for (const [shardId, status] of statuses) {
        result.set(shardId, { status: STATUS[status], pingMs: pings.get(shardId), fatalClose: fatal.get(shardId) });
      }
      return { connected, lastError, shards: result };
    },
    async send(shardId, payload, timeoutMs = 5000) {
      const known = await shards();
      if (!known) throw new Error('not connected to the Discord gateway yet');
      if (!known.shardIds.includes(shardId)) {
        throw new Error(`shard ${shardId} is not run by this gateway (it runs ${known.shardIds.join(', ')})`);
      }
      // A shard that is reconnecting or resuming is usually back within a few seconds.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = (await manager.fetchStatus()).get(shardId);
        if (status === WebSocketShardStatus.Ready) break;
        if (Date.now() >= deadline) throw new Error(`shard ${shardId} is not connected (${STATUS[status ?? 0]})`);
        await new Promise((ok) => setTimeout(ok, 100));
      }
      await manager.send(shardId, payload as Parameters<WebSocketManager['send']>[1]);
    },
    async close() {
      closing = true;
      if (retryTimer) clearTimeout(retryTimer);
      await connecting?.catch(() => {});
      // Not 1000/1001: Discord keeps the session resumable for the next process.
      await manager.destroy({ code: CloseCodes.Resuming, reason: 'gateway restarting' });
    },
  };
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const status = (err as { status?: unknown }).status;
  if (status === 401) return 'Discord rejected DISCORD_TOKEN (HTTP 401)';
  return err.message || err.name;
}
