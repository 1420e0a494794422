import type { Logger } from '@autoalex/contracts';
import type { Redis } from '@autoalex/runtime';
import type { SessionInfo } from '@discordjs/ws';

/**
 * Gateway sessions survive a restart: @discordjs/ws asks this store for a shard's session before it
 * connects (resume instead of identify) and reports every change. The session id and resume URL are
 * written at once; the sequence, which changes with every dispatch, at most once per `flushMs`. An
 * older sequence is harmless: Discord replays from it, and the replayed interactions are deduplicated
 * by their job id and the SET NX claims.
 */
export interface SessionStore {
  /** Reads the stored sessions of these shards (call before connecting). */
  load(shardIds: readonly number[]): Promise<void>;
  retrieve(shardId: number): SessionInfo | null;
  update(shardId: number, info: SessionInfo | null): void;
  /** Writes what is pending. */
  flush(): Promise<void>;
  /**
   * For shutdown: writes what is pending, then ignores every later update, so the session the
   * closing socket leaves behind (closed with a resumable code) stays stored for the next process.
   */
  freeze(): Promise<void>;
}

export interface SessionStoreOptions {
  redis: Redis;
  prefix: string;
  logger: Logger;
  flushMs?: number;
  /** How long a stored session is offered for resuming (default 15 min; Discord refuses stale ones). */
  ttlMs?: number;
}

export function sessionKey(prefix: string, shardId: number): string {
  return `${prefix}:gateway:session:${shardId}`;
}

function isSessionInfo(value: unknown): value is SessionInfo {
  const v = value as Partial<SessionInfo> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.sessionId === 'string' &&
    typeof v.resumeURL === 'string' &&
    typeof v.sequence === 'number' &&
    typeof v.shardCount === 'number' &&
    typeof v.shardId === 'number'
  );
}

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const { redis, prefix } = options;
  const flushMs = options.flushMs ?? 1000;
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const log = options.logger.child({ component: 'session-store' });
  const sessions = new Map<number, SessionInfo>();
  /** Shards whose Redis copy is behind: the info to write, or null to delete. */
  const dirty = new Map<number, SessionInfo | null>();
  let timer: NodeJS.Timeout | undefined;
  let frozen = false;
  let writing = Promise.resolve();

  const write = async (): Promise<void> => {
    timer = undefined;
    if (dirty.size === 0) return;
    const batch = [...dirty.entries()];
    dirty.clear();
    const multi = redis.multi();
    for (const [shardId, info] of batch) {
      if (info) multi.set(sessionKey(prefix, shardId), JSON.stringify(info), 'PX', ttlMs);
      else multi.del(sessionKey(prefix, shardId));
    }
    try {
      await multi.exec();
    } catch (err) {
      // Keep the newest state for the next attempt.
      for (const [shardId, info] of batch) if (!dirty.has(shardId)) dirty.set(shardId, info);
      log.warn({ detail: String(err) }, 'cannot store the gateway session in Redis; a restart would identify anew');
      schedule();
    }
  };

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    writing = writing.then(write);
    return writing;
  };

  const schedule = () => {
    if (timer || frozen) return;
    timer = setTimeout(() => void flush(), flushMs);
    timer.unref();
  };

  return {
    async load(shardIds) {
      if (shardIds.length === 0) return;
      const values = await redis.mget(...shardIds.map((id) => sessionKey(prefix, id)));
      shardIds.forEach((shardId, i) => {
        const text = values[i];
        if (!text) return;
        try {
          const info: unknown = JSON.parse(text);
          if (isSessionInfo(info) && info.shardId === shardId) {
            sessions.set(shardId, info);
            log.info({ shardId, sequence: info.sequence }, 'found a stored gateway session; resuming it');
          }
        } catch {
          log.warn({ shardId }, 'ignored a stored gateway session that is not valid JSON');
        }
      });
    },
    retrieve(shardId) {
      return sessions.get(shardId) ?? null;
    },
    update(shardId, info) {
      if (frozen) return;
      const before = sessions.get(shardId);
      if (info) sessions.set(shardId, info);
      else sessions.delete(shardId);
      dirty.set(shardId, info);
      const sameSession =
        before !== undefined &&
        info !== null &&
        before.sessionId === info.sessionId &&
        before.resumeURL === info.resumeURL &&
        before.shardCount === info.shardCount;
      if (sameSession) schedule();
      else void flush();
    },
    flush,
    async freeze() {
      await flush();
      frozen = true;
    },
  };
}
