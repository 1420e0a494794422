import { randomUUID } from 'node:crypto';
import { type Logger, silentLogger } from '@autoalex/contracts';
import type { Redis } from 'ioredis';

/**
 * Waits for the first element of many Redis lists on ONE blocking connection, however many HTTP
 * requests are held at once: a single loop runs `BLPOP wake key1 key2 … keyN`. A new waiter pushes
 * to this waiter's own `wake` list so the loop re-issues BLPOP with the new key set; because the
 * wake-up is itself a list element, it cannot be lost between two BLPOPs. A value pushed for a key
 * nobody waits for any more (its request timed out) is popped and dropped.
 */
export interface ListWaiter {
  /** The first element pushed to `key` within `timeoutMs` (and before `signal` aborts), or undefined. */
  wait(key: string, timeoutMs: number, signal?: AbortSignal): Promise<string | undefined>;
  readonly waiting: number;
  close(): Promise<void>;
}

export interface ListWaiterOptions {
  /** A connection only this waiter uses (it blocks); closed by `close()`. */
  blocking: Redis;
  /**
   * Any connection, for the wake-up pushes (may be shared). A request-path one that fails fast
   * (ADR 0230) is best: a wake-up Redis cannot take now is only logged, the BLPOP picks the key up
   * within its block time, and none piles up to run after an outage.
   */
  control: Redis;
  prefix: string;
  /** Longest single BLPOP in seconds (default 5): bounds how long a dropped wake-up could stall. */
  blockSeconds?: number;
  logger?: Logger;
}

interface Waiter {
  resolve(value: string | undefined): void;
  timer: NodeJS.Timeout;
}

export function createListWaiter(options: ListWaiterOptions): ListWaiter {
  const { blocking, control, prefix } = options;
  const blockSeconds = options.blockSeconds ?? 5;
  const log = (options.logger ?? silentLogger).child({ component: 'list-waiter' });
  const wakeKey = `${prefix}:ix:waiter:${randomUUID()}`;
  const waiters = new Map<string, Set<Waiter>>();
  let wakePending = false;
  let running = false;
  let closed = false;

  const settle = (key: string, value: string | undefined) => {
    const set = waiters.get(key);
    if (!set) return false;
    waiters.delete(key);
    for (const w of set) {
      clearTimeout(w.timer);
      w.resolve(value);
    }
    return true;
  };

  const wake = () => {
    if (wakePending || !running) return;
    wakePending = true;
    control
      .multi()
      .lpush(wakeKey, '1')
      .pexpire(wakeKey, 60_000)
      .exec()
      .catch((err: unknown) => {
        wakePending = false;
        log.warn({ detail: String(err) }, 'cannot wake the list waiter; it picks the key up within its block time');
      });
  };

  async function loop(): Promise<void> {
    running = true;
    try {
      while (!closed && waiters.size > 0) {
        const keys = [...waiters.keys()];
        let popped: [string, string] | null;
        try {
          popped = await blocking.blpop(wakeKey, ...keys, blockSeconds);
        } catch (err) {
          if (closed) return;
          log.warn({ detail: String(err) }, 'BLPOP failed; retrying');
          await new Promise((ok) => setTimeout(ok, 200));
          continue;
        }
        if (!popped) continue;
        const [key, value] = popped;
        if (key === wakeKey) {
          wakePending = false;
          continue;
        }
        if (!settle(key, value)) log.debug({ key }, 'dropped a response nobody waits for any more');
      }
    } finally {
      running = false;
    }
  }

  return {
    wait(key, timeoutMs, signal) {
      if (closed || signal?.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const giveUp = () => {
          clearTimeout(waiter.timer);
          const set = waiters.get(key);
          set?.delete(waiter);
          if (set?.size === 0) waiters.delete(key);
          resolve(undefined);
        };
        const waiter: Waiter = {
          resolve: (value) => {
            signal?.removeEventListener('abort', giveUp);
            resolve(value);
          },
          timer: setTimeout(giveUp, timeoutMs),
        };
        signal?.addEventListener('abort', giveUp, { once: true });
        const isNew = !waiters.has(key);
        const set = waiters.get(key) ?? new Set<Waiter>();
        set.add(waiter);
        waiters.set(key, set);
        if (!running) void loop();
        else if (isNew) wake();
      });
    },
    get waiting() {
      let n = 0;
      for (const set of waiters.values()) n += set.size;
      return n;
    },
    async close() {
      closed = true;
      for (const key of [...waiters.keys()]) settle(key, undefined);
      blocking.disconnect(false);
      await control.del(wakeKey).catch(() => {});
    },
  };
}
