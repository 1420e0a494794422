import type { RedisOptions } from 'ioredis';

/** A redis:// or rediss:// URL, or ioredis options. */
export type RedisConnection = string | RedisOptions;

const asOptions = (connection: RedisConnection): RedisOptions & { url?: string } =>
  typeof connection === 'string' ? { url: connection } : { ...connection };

/**
 * Producer side: a command either runs now or fails. No offline queue, no retries per request,
 * a bounded command time; the client still reconnects in the background.
 */
export function producerOptions(connection: RedisConnection, commandTimeoutMs: number): RedisOptions {
  return {
    connectTimeout: commandTimeoutMs,
    ...(typeof connection === 'string' ? {} : connection),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
  };
}

/** Worker side: BullMQ's blocking connections need `maxRetriesPerRequest: null`. */
export function workerOptions(connection: RedisConnection): RedisOptions & { url?: string } {
  return { ...asOptions(connection), maxRetriesPerRequest: null };
}
