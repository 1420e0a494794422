import type { RedisOptions } from 'ioredis';

/** A redis:// or rediss:// URL, or ioredis options. */
export type RedisConnection = string | RedisOptions;

const asOptions = (connection: RedisConnection): RedisOptions & { url?: string } =>
  typeof connection === 'string' ? { url: connection } : { ...connection };

/**
 * Request-path side (producers, the deadline guard's claims, health reads; ADR 0230): a command
 * either runs now or fails. No offline queue (a command while disconnected rejects at once), no
 * retry after a dropped connection (what was in flight rejects at once instead of being re-sent
 * after the outage, when whoever asked has long answered the user), a bounded command time for a
 * Redis that accepts but does not answer. The client still reconnects in the background, every
 * 500 ms at most, so that the path works again soon after Redis is back.
 */
export function producerOptions(connection: RedisConnection, commandTimeoutMs: number): RedisOptions {
  return {
    connectTimeout: commandTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 100, 500),
    ...(typeof connection === 'string' ? {} : connection),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: commandTimeoutMs,
  };
}

/** Worker side: BullMQ's blocking connections need `maxRetriesPerRequest: null`; they wait out an outage. */
export function workerOptions(connection: RedisConnection): RedisOptions & { url?: string } {
  return { ...asOptions(connection), maxRetriesPerRequest: null };
}
