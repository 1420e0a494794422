import type postgres from 'postgres';

/** Advisory lock key of the library sync: the bytes of "libsync" (one sync at a time across replicas). */
export const LIBRARY_SYNC_LOCK_KEY = 0x6c696273796e63n;

export type LockedResult<T> = { locked: true; value: T } | { locked: false };

/**
 * Runs `fn` while holding a session-level advisory lock on a connection reserved for it; when another
 * process holds the lock, returns `{ locked: false }` at once. The lock dies with the connection, so a
 * crashed worker never leaves it held.
 */
export async function withAdvisoryLock<T>(
  client: postgres.Sql,
  key: bigint,
  fn: () => Promise<T>,
): Promise<LockedResult<T>> {
  const reserved = await client.reserve();
  try {
    const [row] = await reserved<[{ locked: boolean }]>`select pg_try_advisory_lock(${String(key)}::bigint) as locked`;
    if (!row?.locked) return { locked: false };
    try {
      return { locked: true, value: await fn() };
    } finally {
      await reserved`select pg_advisory_unlock(${String(key)}::bigint)`.catch(() => {});
    }
  } finally {
    reserved.release();
  }
}
