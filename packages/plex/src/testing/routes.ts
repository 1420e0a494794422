import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from '@autoalex/testkit';
import { TINY_PNG } from './audio.ts';
import type { FakeLibrary, FakeSection, FakeTrack, FakeUser } from './library.ts';
import {
  albumJson,
  artistJson,
  type JsonObject,
  playlistJson,
  type ShapeContext,
  sectionJson,
  sessionJson,
  trackJson,
} from './shapes.ts';
import { toXml } from './xml.ts';

export interface PlexAudio {
  bytes: Buffer;
  container: string;
  codec: string;
  contentType: string;
}

export interface PlexRouteState {
  library: FakeLibrary;
  ownerToken: string;
  audio: PlexAudio;
}

/** Plex's own plain HTML error pages (its JSON API never wraps errors in JSON). */
export function htmlError(
  status: number,
  text: string,
): { status: number; headers: Record<string, string>; body: string } {
  return {
    status,
    headers: { 'Content-Type': 'text/html' },
    body: `<html><head><title>${text}</title></head><body><h1>${status} ${text}</h1></body></html>`,
  };
}

const TYPE_NUMBERS: Record<string, 'artist' | 'album' | 'track'> = { '8': 'artist', '9': 'album', '10': 'track' };

function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function createPlexRoutes(state: PlexRouteState) {
  const { library } = state;

  const send = (response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) => {
    response.writeHead(status, headers);
    response.end(body);
  };
  const error = (response: ServerResponse, status: number, text: string) => {
    const reply = htmlError(status, text);
    send(response, reply.status, reply.headers, reply.body);
  };
  const ok = (response: ServerResponse) => send(response, 200, {}, '');

  function container(
    request: RecordedRequest,
    response: ServerResponse,
    fields: JsonObject,
    paging?: { start: number; total: number },
  ) {
    const body = { MediaContainer: fields };
    const headers: Record<string, string> = {};
    if (paging) {
      headers['X-Plex-Container-Start'] = String(paging.start);
      headers['X-Plex-Container-Total-Size'] = String(paging.total);
    }
    if (/application\/json/i.test(String(request.headers.accept ?? ''))) {
      send(response, 200, { ...headers, 'Content-Type': 'application/json' }, JSON.stringify(body));
    } else {
      send(response, 200, { ...headers, 'Content-Type': 'text/xml;charset=utf-8' }, toXml(body));
    }
  }

  /** X-Plex-Container-Start/Size as query parameters or headers (Plex takes both). */
  function paging(request: RecordedRequest): { start: number; size: number | undefined } {
    const read = (name: string) => {
      const value = request.query.get(name) ?? request.headers[name.toLowerCase()];
      if (value === undefined || value === null || Array.isArray(value)) return undefined;
      const number = Number(value);
      return Number.isInteger(number) && number >= 0 ? number : undefined;
    };
    return { start: read('X-Plex-Container-Start') ?? 0, size: read('X-Plex-Container-Size') };
  }

  function page<T>(request: RecordedRequest, items: T[]): { items: T[]; start: number; total: number } {
    const { start, size } = paging(request);
    const end = size === undefined ? items.length : start + size;
    return { items: items.slice(start, end), start, total: items.length };
  }

  function context(request: RecordedRequest, user: FakeUser): ShapeContext {
    return {
      library,
      user,
      includeGuids: request.query.get('includeGuids') === '1',
      audio: { container: state.audio.container, codec: state.audio.codec, bytes: state.audio.bytes.length },
    };
  }

  function sectionFields(section: FakeSection, title2: string, viewGroup: string): JsonObject {
    return {
      allowSync: true,
      art: `/:/resources/${section.type}-fanart.jpg`,
      identifier: 'com.plexapp.plugins.library',
      librarySectionID: section.id,
      librarySectionTitle: section.title,
      librarySectionUUID: section.uuid,
      mediaTagPrefix: '/system/bundle/media/flags/',
      mediaTagVersion: 1700000000,
      thumb: `/:/resources/${section.type}.png`,
      title1: section.title,
      title2,
      viewGroup,
    };
  }

  function listSection(request: RecordedRequest, response: ServerResponse, user: FakeUser, section: FakeSection) {
    const typeParam = request.query.get('type') ?? '8';
    const kind = TYPE_NUMBERS[typeParam];
    if (!kind) return error(response, 400, 'Bad Request');
    const ctx = context(request, user);
    const title = request.query.get('title');
    const matches = (value: { title: string }) => title === null || normalise(value.title).includes(normalise(title));
    let items: JsonObject[];
    if (kind === 'artist')
      items = library
        .artistsOf(section)
        .filter(matches)
        .map((a) => artistJson(a, ctx));
    else if (kind === 'album')
      items = library
        .albumsOf(section)
        .filter(matches)
        .map((a) => albumJson(a, ctx));
    else
      items = library
        .tracksOf(section)
        .filter(matches)
        .map((t) => trackJson(t, ctx));
    const paged = page(request, items);
    const title2 = { artist: 'All Artists', album: 'All Albums', track: 'All Tracks' }[kind];
    container(
      request,
      response,
      {
        size: paged.items.length,
        totalSize: paged.total,
        offset: paged.start,
        ...sectionFields(section, title2, kind),
        Metadata: paged.items,
      },
      paged,
    );
  }

  function editSection(request: RecordedRequest, response: ServerResponse, user: FakeUser, section: FakeSection) {
    if (!user.admin) return error(response, 401, 'Unauthorized');
    const type = request.query.get('type');
    const id = request.query.get('id');
    if (!type || !id) return error(response, 400, 'Bad Request');
    const item = library.item(id);
    if (
      !item ||
      (item.kind === 'artist'
        ? item.section
        : item.kind === 'album'
          ? item.artist.section
          : item.album.artist.section) !== section
    )
      return error(response, 404, 'Not Found');
    if (TYPE_NUMBERS[type] !== item.kind) return error(response, 400, 'Bad Request');
    const summary = request.query.get('summary.value');
    if (summary !== null) {
      if (item.kind !== 'album') return error(response, 400, 'Bad Request');
      item.summary = summary;
    }
    const locked = request.query.get('summary.locked');
    if (locked !== null && item.kind === 'album') item.summaryLocked = locked === '1';
    return ok(response);
  }

  function children(request: RecordedRequest, response: ServerResponse, user: FakeUser, key: string, leaves: boolean) {
    const item = library.item(key);
    if (!item || item.kind === 'track') return error(response, 404, 'Not Found');
    const ctx = context(request, user);
    const section = item.kind === 'artist' ? item.section : item.artist.section;
    let items: JsonObject[];
    let title2: string;
    if (item.kind === 'album') {
      items = item.tracks.filter((t) => !t.removed).map((t) => trackJson(t, ctx));
      title2 = item.title;
    } else if (leaves) {
      items = item.albums
        .filter((a) => !a.removed)
        .flatMap((a) => a.tracks.filter((t) => !t.removed))
        .map((t) => trackJson(t, ctx));
      title2 = 'All tracks';
    } else {
      items = item.albums.filter((a) => !a.removed).map((a) => albumJson(a, ctx));
      title2 = item.title;
    }
    const paged = page(request, items);
    container(
      request,
      response,
      {
        size: paged.items.length,
        totalSize: paged.total,
        offset: paged.start,
        ...sectionFields(section, title2, item.kind === 'artist' && !leaves ? 'album' : 'track'),
        key: item.key,
        parentTitle: item.kind === 'album' ? item.artist.title : item.title,
        Metadata: paged.items,
      },
      paged,
    );
  }

  function metadata(request: RecordedRequest, response: ServerResponse, user: FakeUser, key: string) {
    const item = library.item(key);
    if (!item) return error(response, 404, 'Not Found');
    const ctx = { ...context(request, user), includeGuids: true };
    const json =
      item.kind === 'artist'
        ? artistJson(item, ctx)
        : item.kind === 'album'
          ? albumJson(item, ctx)
          : trackJson(item, ctx);
    container(request, response, { size: 1, identifier: 'com.plexapp.plugins.library', Metadata: [json] });
  }

  function search(request: RecordedRequest, response: ServerResponse, user: FakeUser) {
    const query = request.query.get('query');
    if (query === null || query.trim() === '') return error(response, 400, 'Bad Request');
    const limit = Number(request.query.get('limit') ?? '3');
    if (!Number.isInteger(limit) || limit < 1) return error(response, 400, 'Bad Request');
    const sectionParam = request.query.get('sectionId');
    const sections = library.sections.filter(
      (s) => s.type === 'artist' && (sectionParam === null || String(s.id) === sectionParam),
    );
    const needle = normalise(query);
    const hit = (value: { title: string }) => normalise(value.title).includes(needle);
    const ctx = context(request, user);
    const hubs = [
      {
        title: 'Artists',
        type: 'artist',
        items: sections.flatMap((s) => library.artistsOf(s).filter(hit)).map((a) => artistJson(a, ctx)),
      },
      {
        title: 'Albums',
        type: 'album',
        items: sections.flatMap((s) => library.albumsOf(s).filter(hit)).map((a) => albumJson(a, ctx)),
      },
      {
        title: 'Tracks',
        type: 'track',
        items: sections.flatMap((s) => library.tracksOf(s).filter(hit)).map((t) => trackJson(t, ctx)),
      },
    ].map((hub) => {
      const shown = hub.items.slice(0, limit);
      return {
        title: hub.title,
        type: hub.type,
        hubIdentifier: hub.type,
        context: `hub.${hub.type}`,
        size: shown.length,
        more: hub.items.length > shown.length,
        style: 'shelf',
        ...(shown.length > 0 ? { Metadata: shown } : {}),
      };
    });
    container(request, response, { size: hubs.length, Hub: hubs });
  }

  function sessions(request: RecordedRequest, response: ServerResponse, user: FakeUser) {
    if (!user.admin) return error(response, 401, 'Unauthorized');
    const ctx = context(request, user);
    const metadata = library.sessions.flatMap((session) => {
      const track = library.track(session.trackKey);
      return track ? [sessionJson(session, track, ctx)] : [];
    });
    container(request, response, { size: metadata.length, Metadata: metadata }, { start: 0, total: metadata.length });
  }

  function part(request: RecordedRequest, response: ServerResponse, partId: string, stamp: string, file: string) {
    const track = library.sections
      .flatMap((s) => library.tracksOf(s))
      .find((t) => String(t.partId) === partId && String(t.updatedAt) === stamp);
    if (!track || !file.startsWith('file.')) return error(response, 404, 'Not Found');
    const headers: Record<string, string> = {
      'Content-Type': state.audio.contentType,
      'Content-Length': String(state.audio.bytes.length),
      'Accept-Ranges': 'bytes',
    };
    if (request.query.get('download') === '1')
      headers['Content-Disposition'] =
        `attachment; filename="${encodeURIComponent(`${track.title}.${state.audio.container}`)}"`;
    send(response, 200, headers, state.audio.bytes);
  }

  function rate(request: RecordedRequest, response: ServerResponse, user: FakeUser) {
    const key = request.query.get('key');
    const identifier = request.query.get('identifier');
    const ratingText = request.query.get('rating');
    if (!key || identifier !== 'com.plexapp.plugins.library' || ratingText === null)
      return error(response, 400, 'Bad Request');
    const rating = Number(ratingText);
    if (!Number.isFinite(rating) || (rating !== -1 && (rating < 0 || rating > 10)))
      return error(response, 400, 'Bad Request');
    if (!library.item(key)) return error(response, 404, 'Not Found');
    const perUser = library.ratings.get(user.id) ?? new Map<string, number>();
    library.ratings.set(user.id, perUser);
    if (rating === -1) perUser.delete(key);
    else perUser.set(key, rating);
    return ok(response);
  }

  /** The tracks a smart playlist's uri selects for a user: type=10 with `track.userRating>>=N`, best first. */
  function smartItems(uri: string, user: FakeUser): FakeTrack[] {
    const parsed = parseLibraryUri(uri, library);
    if (!parsed) return [];
    const tracks = library
      .tracksOf(parsed.section)
      .filter((t) => (library.rating(user.id, t.key) ?? -1) >= parsed.minRating);
    return tracks.sort((a, b) => (library.rating(user.id, b.key) ?? 0) - (library.rating(user.id, a.key) ?? 0));
  }

  function playlistsOf(user: FakeUser) {
    return library.playlists.filter((p) => p.userId === user.id);
  }

  function listPlaylists(request: RecordedRequest, response: ServerResponse, user: FakeUser) {
    const type = request.query.get('playlistType');
    const items = playlistsOf(user)
      .filter((p) => type === null || p.type === type)
      .map((p) => {
        const tracks = smartItems(p.uri, user);
        return playlistJson(
          p,
          tracks.length,
          tracks.reduce((sum, t) => sum + t.durationMs, 0),
        );
      });
    container(request, response, { size: items.length, Metadata: items }, { start: 0, total: items.length });
  }

  function createPlaylist(request: RecordedRequest, response: ServerResponse, user: FakeUser) {
    const title = request.query.get('title');
    const type = request.query.get('type');
    const smart = request.query.get('smart');
    const uri = request.query.get('uri');
    if (!title || !type || !uri) return error(response, 400, 'Bad Request');
    if (smart === '1' && !parseLibraryUri(uri, library)) return error(response, 400, 'Bad Request');
    const key = String(900_000 + library.playlists.length + 1);
    const playlist = {
      key,
      userId: user.id,
      title,
      smart: smart === '1',
      type,
      uri,
      addedAt: Math.floor(Date.now() / 1000),
    };
    library.playlists.push(playlist);
    const tracks = smartItems(uri, user);
    container(request, response, {
      size: 1,
      Metadata: [
        playlistJson(
          playlist,
          tracks.length,
          tracks.reduce((sum, t) => sum + t.durationMs, 0),
        ),
      ],
    });
  }

  function playlistItems(request: RecordedRequest, response: ServerResponse, user: FakeUser, key: string) {
    const playlist = playlistsOf(user).find((p) => p.key === key);
    if (!playlist) return error(response, 404, 'Not Found');
    const ctx = context(request, user);
    const items = smartItems(playlist.uri, user).map((t) => trackJson(t, ctx));
    const paged = page(request, items);
    container(
      request,
      response,
      {
        size: paged.items.length,
        totalSize: paged.total,
        offset: paged.start,
        title: playlist.title,
        smart: playlist.smart,
        Metadata: paged.items,
      },
      paged,
    );
  }

  function deletePlaylist(response: ServerResponse, user: FakeUser, key: string) {
    const at = library.playlists.findIndex((p) => p.key === key && p.userId === user.id);
    if (at === -1) return error(response, 404, 'Not Found');
    library.playlists.splice(at, 1);
    return ok(response);
  }

  function image(response: ServerResponse, key: string) {
    if (!library.item(key)) return error(response, 404, 'Not Found');
    send(response, 200, { 'Content-Type': 'image/png', 'Content-Length': String(TINY_PNG.length) }, TINY_PNG);
  }

  function transcodePhoto(request: RecordedRequest, response: ServerResponse) {
    const url = request.query.get('url') ?? '';
    const match = /^\/library\/metadata\/([^/]+)\/(?:thumb|art)\/\d+$/.exec(url);
    if (!match?.[1]) return error(response, 400, 'Bad Request');
    return image(response, match[1]);
  }

  function userFor(request: RecordedRequest): FakeUser | undefined {
    const header = request.headers['x-plex-token'];
    const token = (Array.isArray(header) ? header[0] : header) ?? request.query.get('X-Plex-Token') ?? undefined;
    if (!token) return undefined;
    if (token === state.ownerToken) return library.owner();
    return library.userByToken(token);
  }

  type Route = {
    method: string;
    pattern: RegExp;
    alsoGet?: boolean;
    handle: (request: RecordedRequest, response: ServerResponse, user: FakeUser, params: string[]) => void;
  };
  const p = (params: string[], i: number) => params[i] ?? '';
  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/library\/sections(?:\/all)?$/,
      handle: (request, response) => {
        const directories = library.sections.map(sectionJson);
        container(request, response, {
          size: directories.length,
          allowSync: false,
          title1: 'Plex Library',
          Directory: directories,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/library\/sections\/([^/]+)\/all$/,
      handle: (q, r, u, a) => inSection(q, r, u, p(a, 0), listSection),
    },
    {
      method: 'PUT',
      pattern: /^\/library\/sections\/([^/]+)\/all$/,
      handle: (q, r, u, a) => inSection(q, r, u, p(a, 0), editSection),
    },
    { method: 'GET', pattern: /^\/library\/metadata\/([^/]+)$/, handle: (q, r, u, a) => metadata(q, r, u, p(a, 0)) },
    {
      method: 'GET',
      pattern: /^\/library\/metadata\/([^/]+)\/(children|allLeaves)$/,
      handle: (q, r, u, a) => children(q, r, u, p(a, 0), p(a, 1) === 'allLeaves'),
    },
    {
      method: 'GET',
      pattern: /^\/library\/metadata\/([^/]+)\/(?:thumb|art)\/\d+$/,
      handle: (_q, r, _u, a) => image(r, p(a, 0)),
    },
    { method: 'GET', pattern: /^\/photo\/:\/transcode$/, handle: (q, r) => transcodePhoto(q, r) },
    { method: 'GET', pattern: /^\/hubs\/search$/, handle: search },
    { method: 'GET', pattern: /^\/status\/sessions$/, handle: sessions },
    {
      method: 'GET',
      pattern: /^\/library\/parts\/(\d+)\/(\d+)\/([^/]+)$/,
      handle: (q, r, _u, a) => part(q, r, p(a, 0), p(a, 1), p(a, 2)),
    },
    // Plex also answers GET on /:/rate, though clients should PUT.
    { method: 'PUT', alsoGet: true, pattern: /^\/:\/rate$/, handle: rate },
    { method: 'GET', pattern: /^\/playlists$/, handle: listPlaylists },
    { method: 'POST', pattern: /^\/playlists$/, handle: createPlaylist },
    {
      method: 'GET',
      pattern: /^\/playlists\/([^/]+)\/items$/,
      handle: (q, r, u, a) => playlistItems(q, r, u, p(a, 0)),
    },
    { method: 'DELETE', pattern: /^\/playlists\/([^/]+)$/, handle: (_q, r, u, a) => deletePlaylist(r, u, p(a, 0)) },
  ];

  function inSection(
    request: RecordedRequest,
    response: ServerResponse,
    user: FakeUser,
    id: string,
    then: (request: RecordedRequest, response: ServerResponse, user: FakeUser, section: FakeSection) => void,
  ) {
    const section = library.sections.find((s) => String(s.id) === id);
    if (!section) return error(response, 404, 'Not Found');
    return then(request, response, user, section);
  }

  return async function handle(request: RecordedRequest, response: ServerResponse): Promise<void> {
    const { method, path } = request;
    if (method === 'GET' && path === '/identity') {
      return container(request, response, {
        size: 0,
        apiVersion: '1.1.1',
        claimed: true,
        machineIdentifier: library.server.machineIdentifier,
        version: library.server.version,
      });
    }
    const user = userFor(request);
    if (!user) return error(response, 401, 'Unauthorized');

    for (const route of routes) {
      if (route.method !== method && !(route.method === 'PUT' && route.alsoGet && method === 'GET')) continue;
      const match = route.pattern.exec(path);
      if (match) return route.handle(request, response, user, match.slice(1));
    }
    return error(response, 404, 'Not Found');
  };
}

export interface ParsedLibraryUri {
  section: FakeSection;
  minRating: number;
}

/**
 * A smart playlist uri as Plex Web sends it, after the one decoding of the query string:
 * `server://{machine}/com.plexapp.plugins.library/library/sections/{id}/all?type=10&sort=track.userRating%3Adesc&track.userRating%3E%3E=8`.
 * The filter's operator characters must still be percent-encoded here (they were encoded twice on
 * the wire); a uri whose `:` or `>` arrive bare, or whose filter was cut off because its `&` was not
 * encoded, is refused, so a client that encodes it differently fails its tests.
 */
export function parseLibraryUri(uri: string, library: FakeLibrary): ParsedLibraryUri | undefined {
  const match = /^server:\/\/([^/]+)\/com\.plexapp\.plugins\.library\/library\/sections\/(\d+)\/all\?(.*)$/.exec(uri);
  if (!match) return undefined;
  const [, machine, sectionId, query] = match;
  if (machine !== library.server.machineIdentifier) return undefined;
  const section = library.sections.find((s) => String(s.id) === sectionId);
  if (!section || query === undefined || /[:>]/.test(query)) return undefined;
  const params = new URLSearchParams(query);
  if (params.get('type') !== '10' || params.get('sort') !== 'track.userRating:desc') return undefined;
  const minRating = Number(params.get('track.userRating>>'));
  if (params.get('track.userRating>>') === null || !Number.isFinite(minRating)) return undefined;
  return { section, minRating };
}
