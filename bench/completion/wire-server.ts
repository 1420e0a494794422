// Runs in a worker thread: serves the synthetic library as Plex JSON and Tautulli API v2 answers on
// 127.0.0.1, so the sync under test parses the real wire formats while this thread pays for making
// them. Only what the library sync asks for is served (identity, sections, section listings with
// container paging; get_users and get_history by user and date window, ascending).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parentPort } from 'node:worker_threads';
import {
  API_KEY,
  type BenchLibrary,
  buildLibrary,
  type LibraryInfo,
  mutate,
  PLEX_TOKEN,
  type UserPlays,
  type WorkerRequest,
} from './library-data.ts';

const MACHINE = 'bench0000000000000000000000000000000000';
const SECTION = 3;

let library: BenchLibrary;

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(text);
}

const guid = (mbid: string | undefined) => (mbid ? { Guid: [{ id: `mbid://${mbid}` }] } : {});

function liveTracks() {
  return library.tracks.filter((_, i) => !library.removed.has(i));
}

function plexSection(url: URL, response: ServerResponse) {
  const type = url.searchParams.get('type');
  const start = Number(url.searchParams.get('X-Plex-Container-Start') ?? 0);
  const size = Number(url.searchParams.get('X-Plex-Container-Size') ?? 100);
  const common = { librarySectionID: SECTION, addedAt: 1_600_000_000, updatedAt: 1_700_000_000 };
  let total: number;
  let items: unknown[];
  if (type === '8') {
    total = library.artists.length;
    items = library.artists.slice(start, start + size).map((a) => ({
      ratingKey: String(a.key),
      key: `/library/metadata/${a.key}/children`,
      type: 'artist',
      title: a.title,
      thumb: `/library/metadata/${a.key}/thumb/1700000000`,
      ...common,
      ...guid(a.mbid),
    }));
  } else if (type === '9') {
    total = library.albums.length;
    const leaves = new Map<number, number>();
    library.tracks.forEach((t, i) => {
      if (!library.removed.has(i)) leaves.set(t.album, (leaves.get(t.album) ?? 0) + 1);
    });
    items = library.albums.slice(start, start + size).map((al, i) => {
      const artist = library.artists[al.artist]!;
      return {
        ratingKey: String(al.key),
        key: `/library/metadata/${al.key}/children`,
        type: 'album',
        title: al.title,
        parentRatingKey: String(artist.key),
        parentTitle: artist.title,
        year: al.year,
        leafCount: leaves.get(start + i) ?? 0,
        thumb: `/library/metadata/${al.key}/thumb/1700000000`,
        ...common,
      };
    });
  } else if (type === '10') {
    const tracks = liveTracks();
    total = tracks.length;
    items = tracks.slice(start, start + size).map((t) => {
      const album = library.albums[t.album]!;
      const artist = library.artists[album.artist]!;
      return {
        ratingKey: String(t.key),
        key: `/library/metadata/${t.key}`,
        type: 'track',
        title: t.title,
        parentRatingKey: String(album.key),
        grandparentRatingKey: String(artist.key),
        parentTitle: album.title,
        grandparentTitle: artist.title,
        ...(t.trackArtist !== undefined ? { originalTitle: library.artists[t.trackArtist]!.title } : {}),
        index: t.index,
        parentIndex: 1,
        duration: t.durationMs,
        thumb: `/library/metadata/${album.key}/thumb/1700000000`,
        ...common,
        ...guid(t.mbid),
        Media: [
          {
            id: t.key,
            duration: t.durationMs,
            container: 'flac',
            audioCodec: 'flac',
            Part: [{ id: t.key, key: `/library/parts/${t.key}/1700000000/file.flac` }],
          },
        ],
      };
    });
  } else {
    return send(response, 400, {});
  }
  send(
    response,
    200,
    { MediaContainer: { size: items.length, totalSize: total, offset: start, Metadata: items } },
    { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Total-Size': String(total) },
  );
}

function lowerBound(values: Float64Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function historyRow(user: UserPlays, i: number) {
  const t = library.tracks[user.track[i]!]!;
  const album = library.albums[t.album]!;
  const artist = library.artists[album.artist]!;
  const started = user.started[i]!;
  const percent = user.percent[i]!;
  const played = Math.round((t.durationMs / 1000) * (percent / 100));
  const trackArtist = t.trackArtist !== undefined ? library.artists[t.trackArtist]!.title : '';
  const id = user.rowIds[i]!;
  return {
    reference_id: id,
    row_id: id,
    id,
    date: started,
    started,
    stopped: started + played,
    duration: played,
    play_duration: played,
    paused_counter: 0,
    user_id: user.userId,
    user: user.username,
    friendly_name: user.username,
    platform: 'Android',
    product: 'Plexamp',
    player: 'Pixel 8',
    ip_address: '192.168.1.20',
    media_type: 'track',
    rating_key: user.key[i]!,
    parent_rating_key: album.key,
    grandparent_rating_key: artist.key,
    full_title: `${t.title} - ${trackArtist || artist.title}`,
    title: t.title,
    parent_title: album.title,
    grandparent_title: artist.title,
    original_title: trackArtist,
    year: album.year,
    media_index: t.index,
    parent_media_index: 1,
    thumb: `/library/metadata/${album.key}/thumb/1700000000`,
    guid: `plex://track/${t.key}`,
    transcode_decision: 'direct play',
    percent_complete: percent,
    watched_status: percent >= 85 ? 1 : 0,
    group_count: 1,
    group_ids: String(id),
    state: null,
    session_key: null,
  };
}

function tautulli(url: URL, response: ServerResponse) {
  const envelope = (data: unknown) => send(response, 200, { response: { result: 'success', message: null, data } });
  if (url.searchParams.get('apikey') !== API_KEY)
    return send(response, 400, { response: { result: 'error', message: 'Invalid apikey', data: {} } });
  const cmd = url.searchParams.get('cmd');
  if (cmd === 'get_users')
    return envelope(
      library.users.map((u) => ({ user_id: u.userId, username: u.username, friendly_name: u.username, thumb: null })),
    );
  if (cmd !== 'get_history') return send(response, 400, { response: { result: 'error', message: cmd, data: {} } });
  const user = library.users.find((u) => String(u.userId) === url.searchParams.get('user_id'));
  const total = library.users.reduce((s, u) => s + u.started.length, 0);
  if (!user) return envelope({ recordsFiltered: 0, recordsTotal: total, data: [], draw: 1 });
  const after = url.searchParams.get('after');
  const before = url.searchParams.get('before');
  const from = after ? Date.parse(`${after}T00:00:00Z`) / 1000 : 0;
  const to = before ? Date.parse(`${before}T00:00:00Z`) / 1000 + 86_400 : Number.POSITIVE_INFINITY;
  const first = lowerBound(user.started, from);
  const end = lowerBound(user.started, to);
  const start = Number(url.searchParams.get('start') ?? 0);
  const length = Number(url.searchParams.get('length') ?? 25);
  const rows = [];
  for (let i = first + start; i < Math.min(end, first + start + length); i++) rows.push(historyRow(user, i));
  envelope({ recordsFiltered: end - first, recordsTotal: total, data: rows, draw: 1 });
}

function handle(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://bench');
  if (url.pathname === '/api/v2') return tautulli(url, response);
  if (url.pathname === '/identity')
    return send(response, 200, {
      MediaContainer: { size: 0, claimed: true, machineIdentifier: MACHINE, version: '1.41.3' },
    });
  if (request.headers['x-plex-token'] !== PLEX_TOKEN) return send(response, 401, {});
  if (url.pathname === '/library/sections')
    return send(response, 200, {
      MediaContainer: {
        size: 1,
        Directory: [{ key: String(SECTION), title: 'Music', type: 'artist', agent: 'tv.plex.agents.music' }],
      },
    });
  if (url.pathname === `/library/sections/${SECTION}/all`) return plexSection(url, response);
  send(response, 404, {});
}

function info(url: string): LibraryInfo {
  const albums = new Map<number, number>();
  for (const al of library.albums) albums.set(al.artist, (albums.get(al.artist) ?? 0) + 1);
  return {
    url,
    artists: library.artists.map((a, i) => ({ key: a.key, title: a.title, albums: albums.get(i) ?? 0 })),
    users: library.users.map((u) => u.userId),
    plays: library.users.reduce((s, u) => s + u.started.length, 0),
  };
}

const server = createServer(handle);
server.keepAliveTimeout = 60_000;
let url = '';

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'start') {
    library = buildLibrary(message.size, message.now);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      parentPort?.postMessage({ type: 'ready', info: info(url) });
    });
  } else if (message.type === 'mutate') {
    mutate(library, message.change, message.now);
    parentPort?.postMessage({ type: 'mutated', info: info(url) });
  }
});
