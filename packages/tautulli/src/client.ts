import { describeIssues, parseHttpUrl } from '@autoalex/http';
import { z } from 'zod';
import { TautulliError } from './errors.ts';
import { type HistoryQuery, historyParams } from './history-query.ts';
import { type HistoryPage, historyWindows, type WindowedHistoryOptions } from './history-windows.ts';
import {
  type ActivitySession,
  activitySchema,
  type HistoryRow,
  historySchema,
  librarySchema,
  serverInfoSchema,
  type TautulliLibrary,
  type TautulliServerInfo,
  type TautulliUser,
  userSchema,
} from './schemas.ts';
import { createCall } from './transport.ts';

export interface TautulliClientOptions {
  /** Tautulli address including any HTTP root, e.g. http://192.168.1.10:8181. */
  url: string;
  apiKey: string;
  /** Deadline for one attempt (default 15 s; a get_history on a big database takes ~0.2–1 s). */
  timeoutMs?: number;
  /** Extra attempts after a network error, timeout or 5xx (default 2). */
  retries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Largest answer accepted (default 64 MiB). */
  maxResponseBytes?: number;
}

/** `connected: false` is Tautulli's `data: {}`: it has no connection to Plex (not zero sessions). */
export type TautulliActivity =
  | { connected: false }
  | {
      connected: true;
      streamCount: number;
      sessions: ActivitySession[];
      totalBandwidth: number | undefined;
    };

export interface TautulliClient {
  activity(): Promise<TautulliActivity>;
  users(): Promise<TautulliUser[]>;
  /** One page of history. `include_activity` is off unless asked for. */
  history(query?: HistoryQuery): Promise<HistoryPage>;
  /** Every play of one user since a time, oldest first, fetched by date windows (never big offsets). */
  historyByUserSince(
    userId: number,
    since: Date | number,
    options?: WindowedHistoryOptions,
  ): AsyncGenerator<HistoryRow>;
  serverInfo(): Promise<TautulliServerInfo>;
  libraries(): Promise<TautulliLibrary[]>;
}

export function createTautulliClient(options: TautulliClientOptions): TautulliClient {
  const base = parseHttpUrl(options.url, (problem) => new TautulliError('invalid-argument', `Tautulli URL ${problem}`));
  if (!options.apiKey) throw new TautulliError('invalid-argument', 'a Tautulli API key is required');
  const call = createCall({
    baseUrl: `${base.origin}${base.pathname}`,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 2,
    retryBaseMs: options.retryBaseMs ?? 250,
    retryMaxMs: options.retryMaxMs ?? 5_000,
    maxResponseBytes: options.maxResponseBytes ?? 64 * 1024 * 1024,
  });

  function parse<S extends z.ZodType>(cmd: string, schema: S, data: unknown): z.output<S> {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    throw new TautulliError('bad-response', `Tautulli ${cmd}: unexpected answer: ${describeIssues(result.error)}`, {
      cmd,
    });
  }

  async function history(query: HistoryQuery = {}): Promise<HistoryPage> {
    const data = await call('get_history', historyParams(query));
    const parsed = parse('get_history', historySchema, data);
    return { rows: parsed.data, recordsFiltered: parsed.recordsFiltered, recordsTotal: parsed.recordsTotal };
  }

  return {
    async activity() {
      const data = await call('get_activity');
      if (data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0)
        return { connected: false };
      const parsed = parse('get_activity', activitySchema, data);
      return {
        connected: true,
        streamCount: parsed.stream_count,
        sessions: parsed.sessions,
        totalBandwidth: parsed.total_bandwidth,
      };
    },
    async users() {
      return parse('get_users', z.array(userSchema), await call('get_users'));
    },
    history,
    historyByUserSince(userId, since, windowOptions) {
      if (!Number.isInteger(userId) || userId < 0)
        throw new TautulliError('invalid-argument', 'historyByUserSince: userId must be a Tautulli user id');
      return historyWindows(history, userId, since, windowOptions);
    },
    async serverInfo() {
      return parse('get_server_info', serverInfoSchema, await call('get_server_info'));
    },
    async libraries() {
      return parse('get_libraries', z.array(librarySchema), await call('get_libraries'));
    },
  };
}
