import type { ServerResponse } from 'node:http';
import {
  createFakeLibrary,
  type FakeLibrary,
  type FakeLibraryDescription,
  isFakeLibrary,
} from '@autoalex/plex/testing';
import { type FakeReply, type RecordedRequest, type ServerControls, startControllableServer } from '@autoalex/testkit';
import { tautulliFixture, tautulliFixtureText } from './fixtures.ts';
import { getHistory, HistoryQueryError } from './history.ts';
import { activitySession, libraryRows, serverInfo, userRows } from './rows.ts';

export interface FakeTautulliOptions {
  /** The API key (default: 32 hex characters, as Tautulli generates). */
  apiKey?: string;
  /** False: Tautulli has no Plex connection (get_activity answers `data: {}`, get_libraries `[]`). */
  plexConnected?: boolean;
  /** The Tautulli server's time zone, for `after`/`before` days (default UTC). */
  timeZone?: string;
  /** Tautulli's "show live sessions in history" setting (default on, as Tautulli ships). */
  historyTableActivity?: boolean;
}

export interface FakeTautulli extends ServerControls {
  url: string;
  apiKey: string;
  library: FakeLibrary;
  requests: RecordedRequest[];
  /** Cut or restore Tautulli's connection to Plex. */
  setPlexConnected(connected: boolean): void;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

/** Tautulli's commands, from its own "Unknown command" answer (the recorded bad_cmd.json). */
function knownCommands(): string[] {
  const message = tautulliFixture('bad_cmd.json').response.message ?? '';
  const list = message.split('Possible commands are: ')[1] ?? '';
  return list
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}

function envelope(status: number, result: 'success' | 'error', message: string | null, data: unknown): FakeReply {
  return {
    status,
    headers: { 'Content-Type': JSON_TYPE },
    body: JSON.stringify({ response: { result, message, data } }),
  };
}

/**
 * Tautulli's API v2 for tests: `GET /api/v2?apikey=…&cmd=…` with get_activity, get_users,
 * get_history (every filter, paging, ordering, include_activity), get_server_info, get_libraries
 * and arnold; a wrong key gets the recorded HTTP 400 answer, an unknown command the recorded list
 * of valid ones. Seeded from the same library description as the fake Plex (or the same
 * `FakeLibrary`, to share state).
 */
export async function startFakeTautulli(
  library: FakeLibrary | FakeLibraryDescription,
  options: FakeTautulliOptions = {},
): Promise<FakeTautulli> {
  const state = isFakeLibrary(library) ? library : createFakeLibrary(library);
  const apiKey = options.apiKey ?? '0123456789abcdef0123456789abcdef';
  let connected = options.plexConnected ?? true;
  const commands = knownCommands();
  const historyOptions = {
    timeZone: options.timeZone ?? 'UTC',
    activityByDefault: options.historyTableActivity ?? true,
  };

  const invalidKey = (): FakeReply => ({
    status: 400,
    headers: { 'Content-Type': JSON_TYPE },
    // The recorded body, first line of error-invalid-apikey.txt.
    body: tautulliFixtureText('error-invalid-apikey.txt').split('\n')[0] ?? '',
  });

  function run(cmd: string, params: URLSearchParams): FakeReply {
    switch (cmd) {
      case 'get_activity': {
        if (!connected) return envelope(200, 'success', null, {});
        const sessions = state.sessions.flatMap((s) => {
          const row = activitySession(s, state);
          return row ? [row] : [];
        });
        const bandwidth = sessions.reduce((sum, s) => sum + Number(s.bandwidth ?? 0), 0);
        return envelope(200, 'success', null, {
          stream_count: String(sessions.length),
          sessions,
          stream_count_direct_play: sessions.length,
          stream_count_direct_stream: 0,
          stream_count_transcode: 0,
          total_bandwidth: bandwidth,
          lan_bandwidth: bandwidth,
          wan_bandwidth: 0,
        });
      }
      case 'get_users':
        return envelope(200, 'success', null, userRows(state));
      case 'get_history':
        try {
          return envelope(200, 'success', null, getHistory(state, params, historyOptions));
        } catch (err) {
          if (err instanceof HistoryQueryError) return envelope(500, 'error', 'Check the logs for errors', {});
          throw err;
        }
      case 'get_server_info':
        return envelope(200, 'success', null, serverInfo(state, connected));
      case 'get_libraries':
        return envelope(200, 'success', null, connected ? libraryRows(state) : []);
      case 'arnold':
        return envelope(200, 'success', null, tautulliFixture('empty-arnold.json').response.data);
      default:
        return envelope(400, 'error', `The fake Tautulli does not implement ${cmd}`, {});
    }
  }

  function handle(request: RecordedRequest, response: ServerResponse): void {
    const reply = answer(request);
    response.writeHead(reply.status, reply.headers ?? {});
    response.end(reply.body ?? '');
  }

  function answer(request: RecordedRequest): FakeReply {
    if (request.path.replace(/\/+$/, '') !== '/api/v2')
      return { status: 404, headers: { 'Content-Type': 'text/html;charset=utf-8' }, body: 'Not Found' };
    const params = request.query;
    // Tautulli checks in this order: apikey present, cmd present, cmd known, then the key itself.
    if (!params.has('apikey')) return envelope(400, 'error', 'Parameter apikey is required', {});
    const cmd = params.get('cmd');
    if (cmd === null)
      return envelope(400, 'error', `Parameter cmd is required. Possible commands are: ${commands.join(', ')}`, {});
    if (!commands.includes(cmd))
      return envelope(400, 'error', `Unknown command: ${cmd}. Possible commands are: ${commands.join(', ')}`, {});
    if (params.get('apikey') !== apiKey) return invalidKey();
    return run(cmd, params);
  }

  const server = await startControllableServer(handle, (status) =>
    status >= 500 ? envelope(status, 'error', 'Check the logs for errors', {}) : envelope(status, 'error', 'Error', {}),
  );
  return {
    ...server.controls,
    url: server.url,
    apiKey,
    library: state,
    requests: server.requests,
    setPlexConnected(value) {
      connected = value;
    },
    close: server.close,
  };
}
