import { describeIssues, parseHttpUrl } from '@autoalex/http';
import { z } from 'zod';
import { isPlexError, PlexError } from './errors.ts';
import { toAlbum, toArtist, toPlaylist, toSection, toSession, toTrack } from './map.ts';
import { type Query, segment, withQuery } from './query.ts';
import {
  albumSchema,
  artistSchema,
  container,
  hubSchema,
  identitySchema,
  playlistSchema,
  sectionSchema,
  sessionSchema,
  trackSchema,
} from './schemas.ts';
import { topRatedUri } from './smart-playlist.ts';
import { createTransport, type PlexDownload, type PlexRequest, type Transport } from './transport.ts';
import type {
  PlexAlbum,
  PlexArtist,
  PlexIdentity,
  PlexPlaylist,
  PlexSearchResults,
  PlexSection,
  PlexSession,
  PlexTrack,
} from './types.ts';

export interface PlexClientOptions {
  /** Server address, e.g. http://192.168.1.10:32400. */
  url: string;
  /** X-Plex-Token, sent in a header only. */
  token: string;
  /** Deadline for one attempt (default 15 s). */
  timeoutMs?: number;
  /** A download fails when no byte arrives for this long (default 30 s). */
  idleTimeoutMs?: number;
  /** Extra attempts after a network error, a timeout, a 5xx or a 429 (default 3); other 4xx answers are never retried. */
  retries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Items per page for section listings (default 500). */
  pageSize?: number;
  /** Largest JSON answer accepted (default 64 MiB). */
  maxResponseBytes?: number;
  /** Largest thumbnail accepted (default 10 MiB). */
  maxThumbnailBytes?: number;
  clientIdentifier?: string;
  product?: string;
  version?: string;
}

export type SectionId = string | number;

export interface SearchOptions {
  sectionId?: SectionId;
  /** Items per hub (Plex's default is 3). */
  limit?: number;
}

export interface EditAlbumSummaryInput {
  sectionId: SectionId;
  albumRatingKey: string;
  summary: string;
  /** Lock the field so that Plex agents do not overwrite it (default true). */
  lock?: boolean;
}

export interface SmartPlaylistInput {
  sectionId: SectionId;
  title: string;
  /** Lowest rating on Plex's 10-point scale (default 8 = four stars). */
  minRating?: number;
}

export interface RequestOptions {
  /** Aborts the request (and any retry); the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface ThumbnailOptions {
  width?: number;
  height?: number;
}

export interface PlexClient {
  /** GET /identity, sent without a token: the health probe. */
  identity(): Promise<PlexIdentity>;
  /** Music sections only (`type: "artist"`). */
  sections(): Promise<PlexSection[]>;
  /** Every section, whatever its type. */
  allSections(): Promise<PlexSection[]>;
  artists(sectionId: SectionId): Promise<PlexArtist[]>;
  albums(sectionId: SectionId): Promise<PlexAlbum[]>;
  /** Every track of a section, fetched page by page. */
  tracks(sectionId: SectionId): Promise<PlexTrack[]>;
  /** The same, one page at a time, for large libraries. */
  trackPages(sectionId: SectionId, pageSize?: number): AsyncGenerator<PlexTrack[]>;
  /** An artist's tracks (`/library/metadata/{id}/allLeaves`). */
  artistTracks(artistRatingKey: string): Promise<PlexTrack[]>;
  /** An album's tracks (`/library/metadata/{id}/children`). */
  albumTracks(albumRatingKey: string): Promise<PlexTrack[]>;
  /**
   * One track by rating key (`/library/metadata/{id}`). A key Plex does not know (deleted, or re-added
   * under a new key) or an item that is not a track is a `not-found` PlexError.
   */
  track(ratingKey: string, options?: RequestOptions): Promise<PlexTrack>;
  search(query: string, options?: SearchOptions): Promise<PlexSearchResults>;
  /** Live playback sessions (needs the owner's token). */
  sessions(): Promise<PlexSession[]>;
  /**
   * Streams a media part (`Media[].Part[].key`) with `download=1`. `maxBytes` caps the file (default:
   * the client's `maxResponseBytes`, 64 MiB): audio files are often larger, so callers say their limit.
   */
  downloadPart(partKey: string, options?: { maxBytes?: number }): Promise<PlexDownload>;
  /** Rates an item for this client's user on the 10-point scale; null clears the rating. */
  rate(ratingKey: string, rating: number | null): Promise<void>;
  editAlbumSummary(input: EditAlbumSummaryInput): Promise<void>;
  /** This user's audio playlists. */
  playlists(): Promise<PlexPlaylist[]>;
  /** A smart playlist of the section's tracks rated at least `minRating`, best first. */
  createSmartPlaylist(input: SmartPlaylistInput): Promise<PlexPlaylist>;
  /** Image bytes of a thumb path from this server (`/library/metadata/…/thumb/…`), optionally resized. */
  thumbnail(url: string, options?: ThumbnailOptions): Promise<Buffer>;
  /** The same server acting as another Plex user (ratings and playlists are per user). */
  asUser(token: string): PlexClient;
}

const PART_KEY = /^\/library\/parts\/\d+\/\d+\/[A-Za-z0-9._-]+$/;
const RATING_KEY = /^\d{1,12}$/;
/** Just enough of `/library/metadata/{id}` to tell a track from other items before reading it as one. */
const itemKind = z.looseObject({ type: z.string() });

export function createPlexClient(options: PlexClientOptions): PlexClient {
  const base = parseHttpUrl(options.url, (problem) => new PlexError('invalid-argument', `Plex URL ${problem}`));
  if (!options.token) throw new PlexError('invalid-argument', 'a Plex token is required');
  const transport = createTransport({
    baseUrl: base.toString(),
    token: options.token,
    timeoutMs: options.timeoutMs ?? 15_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    retries: options.retries ?? 3,
    retryBaseMs: options.retryBaseMs ?? 250,
    retryMaxMs: options.retryMaxMs ?? 5_000,
    maxResponseBytes: options.maxResponseBytes ?? 64 * 1024 * 1024,
    identityHeaders: {
      'X-Plex-Client-Identifier': options.clientIdentifier ?? 'autoalex',
      'X-Plex-Product': options.product ?? 'Autoalex',
      'X-Plex-Version': options.version ?? '0.0.0',
    },
  });
  return clientOn(transport, base, options);
}

function clientOn(transport: Transport, base: URL, options: PlexClientOptions): PlexClient {
  const pageSize = options.pageSize ?? 500;
  const maxThumbnailBytes = options.maxThumbnailBytes ?? 10 * 1024 * 1024;
  let machineIdentifier: string | undefined;

  function parse<S extends z.ZodType>(schema: S, body: unknown, request: PlexRequest): z.output<S> {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const path = request.url.split('?')[0];
    throw new PlexError(
      'bad-response',
      `Plex ${request.method} ${path}: unexpected answer: ${describeIssues(result.error)}`,
      {
        method: request.method,
        path,
      },
    );
  }

  async function getList<T>(url: string, listKey: string, item: z.ZodType<T>): Promise<T[]> {
    const request: PlexRequest = { method: 'GET', url };
    const answer = await transport.json(request);
    const parsed = parse(container(listKey, item), answer.body, request) as {
      MediaContainer: Record<string, unknown>;
    };
    return (parsed.MediaContainer[listKey] as T[] | undefined) ?? [];
  }

  /** Pages with X-Plex-Container-Start/Size until totalSize is reached (or a page comes back empty). */
  async function* pages<T>(
    path: string,
    query: Query,
    item: z.ZodType<T>,
    key: (value: T) => string,
    size: number,
  ): AsyncGenerator<T[]> {
    const seen = new Set<string>();
    let start = 0;
    for (;;) {
      const request: PlexRequest = {
        method: 'GET',
        url: withQuery(path, { ...query, 'X-Plex-Container-Start': start, 'X-Plex-Container-Size': size }),
      };
      const answer = await transport.json(request);
      const parsed = parse(container('Metadata', item), answer.body, request) as {
        MediaContainer: { totalSize?: number; Metadata?: T[] };
      };
      const items = parsed.MediaContainer.Metadata ?? [];
      const headerTotal = Number(answer.header('X-Plex-Container-Total-Size'));
      const total = parsed.MediaContainer.totalSize ?? (Number.isFinite(headerTotal) ? headerTotal : undefined);
      // Items deleted while paging shift later pages; never hand out one item twice.
      const fresh = items.filter((value) => {
        const k = key(value);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      if (fresh.length > 0) yield fresh;
      start += items.length;
      if (items.length === 0 || (total !== undefined ? start >= total : items.length < size)) return;
    }
  }

  async function all<T>(generator: AsyncGenerator<T[]>): Promise<T[]> {
    const out: T[] = [];
    for await (const page of generator) out.push(...page);
    return out;
  }

  const sectionPath = (sectionId: SectionId) => `/library/sections/${segment(sectionId)}/all`;
  const byRatingKey = (value: { ratingKey: string }) => value.ratingKey;

  async function allSections(): Promise<PlexSection[]> {
    return (await getList('/library/sections', 'Directory', sectionSchema)).map(toSection);
  }

  async function identity(): Promise<PlexIdentity> {
    const request: PlexRequest = { method: 'GET', url: '/identity', anonymous: true };
    const answer = await transport.json(request);
    const parsed = parse(identitySchema, answer.body, request).MediaContainer;
    machineIdentifier = parsed.machineIdentifier;
    return { machineIdentifier: parsed.machineIdentifier, version: parsed.version, claimed: parsed.claimed };
  }

  const client: PlexClient = {
    identity,
    allSections,
    async sections() {
      return (await allSections()).filter((section) => section.type === 'artist');
    },
    async artists(sectionId) {
      const items = await all(
        pages(sectionPath(sectionId), { type: 8, includeGuids: 1 }, artistSchema, byRatingKey, pageSize),
      );
      return items.map(toArtist);
    },
    async albums(sectionId) {
      const items = await all(
        pages(sectionPath(sectionId), { type: 9, includeGuids: 1 }, albumSchema, byRatingKey, pageSize),
      );
      return items.map(toAlbum);
    },
    async tracks(sectionId) {
      const out: PlexTrack[] = [];
      for await (const page of client.trackPages(sectionId)) out.push(...page);
      return out;
    },
    async *trackPages(sectionId, size = pageSize) {
      for await (const page of pages(
        sectionPath(sectionId),
        { type: 10, includeGuids: 1 },
        trackSchema,
        byRatingKey,
        size,
      ))
        yield page.map(toTrack);
    },
    async artistTracks(artistRatingKey) {
      const path = `/library/metadata/${segment(artistRatingKey)}/allLeaves`;
      return (await all(pages(path, { includeGuids: 1 }, trackSchema, byRatingKey, pageSize))).map(toTrack);
    },
    async albumTracks(albumRatingKey) {
      const url = withQuery(`/library/metadata/${segment(albumRatingKey)}/children`, { includeGuids: 1 });
      return (await getList(url, 'Metadata', trackSchema)).map(toTrack);
    },
    async track(ratingKey, requestOptions = {}) {
      const key = String(ratingKey);
      if (!RATING_KEY.test(key)) throw new PlexError('invalid-argument', 'a Plex rating key is digits');
      const path = `/library/metadata/${key}`;
      const request: PlexRequest = {
        method: 'GET',
        url: withQuery(path, { includeGuids: 1 }),
        signal: requestOptions.signal,
      };
      const notFound = (why: string) =>
        new PlexError('not-found', `Plex GET ${path}: ${why}`, { method: 'GET', path, status: 404 });
      let answer: Awaited<ReturnType<Transport['json']>>;
      try {
        answer = await transport.json(request);
      } catch (err) {
        if (isPlexError(err, 'not-found')) throw notFound('no such item (deleted, or re-added under a new rating key)');
        throw err;
      }
      const items = (parse(container('Metadata', z.unknown()), answer.body, request).MediaContainer.Metadata ??
        []) as unknown[];
      const item = items[0];
      if (item === undefined) throw notFound('no such item (deleted, or re-added under a new rating key)');
      const kind = parse(itemKind, item, request).type;
      if (kind !== 'track') throw notFound(`the item is not a track (its type is ${kind.slice(0, 40)})`);
      return toTrack(parse(trackSchema, item, request));
    },
    async search(query, searchOptions = {}) {
      const text = query.trim();
      if (!text) return { artists: [], albums: [], tracks: [] };
      const url = withQuery('/hubs/search', {
        query: text,
        limit: searchOptions.limit ?? 10,
        sectionId: searchOptions.sectionId,
      });
      const request: PlexRequest = { method: 'GET', url };
      const hubs = await getList(url, 'Hub', hubSchema);
      const wanted = searchOptions.sectionId === undefined ? undefined : String(searchOptions.sectionId);
      const inSection = (item: { sectionId: string | undefined }) =>
        wanted === undefined || item.sectionId === undefined || item.sectionId === wanted;
      const results: PlexSearchResults = { artists: [], albums: [], tracks: [] };
      for (const hub of hubs) {
        const items = hub.Metadata ?? [];
        if (hub.type === 'artist') results.artists.push(...items.map((i) => toArtist(parse(artistSchema, i, request))));
        if (hub.type === 'album') results.albums.push(...items.map((i) => toAlbum(parse(albumSchema, i, request))));
        if (hub.type === 'track') results.tracks.push(...items.map((i) => toTrack(parse(trackSchema, i, request))));
      }
      return {
        artists: results.artists.filter(inSection),
        albums: results.albums.filter(inSection),
        tracks: results.tracks.filter(inSection),
      };
    },
    async sessions() {
      return (await getList('/status/sessions', 'Metadata', sessionSchema)).map(toSession);
    },
    async downloadPart(partKey, options) {
      if (!PART_KEY.test(partKey))
        throw new PlexError(
          'invalid-argument',
          'not a Plex part key (expected /library/parts/{id}/{changestamp}/file.ext)',
        );
      return transport.stream({ method: 'GET', url: withQuery(partKey, { download: 1 }) }, options?.maxBytes);
    },
    async rate(ratingKey, rating) {
      if (rating !== null && !(Number.isFinite(rating) && rating >= 0 && rating <= 10))
        throw new PlexError('invalid-argument', 'a Plex rating is a number from 0 to 10 (or null to clear)');
      const url = withQuery('/:/rate', {
        key: String(ratingKey),
        identifier: 'com.plexapp.plugins.library',
        rating: rating === null ? -1 : rating,
      });
      await transport.empty({ method: 'PUT', url });
    },
    async editAlbumSummary(input) {
      const url = withQuery(sectionPath(input.sectionId), {
        type: 9,
        id: String(input.albumRatingKey),
        'summary.value': input.summary,
        'summary.locked': input.lock === false ? 0 : 1,
      });
      await transport.empty({ method: 'PUT', url });
    },
    async playlists() {
      const url = withQuery('/playlists', { playlistType: 'audio' });
      return (await getList(url, 'Metadata', playlistSchema)).map(toPlaylist);
    },
    async createSmartPlaylist(input) {
      const minRating = input.minRating ?? 8;
      if (!(Number.isFinite(minRating) && minRating >= 0 && minRating <= 10))
        throw new PlexError('invalid-argument', 'minRating is a number from 0 to 10');
      if (!input.title.trim()) throw new PlexError('invalid-argument', 'a playlist needs a title');
      const machine = machineIdentifier ?? (await identity()).machineIdentifier;
      const url = withQuery('/playlists', {
        type: 'audio',
        title: input.title,
        smart: 1,
        uri: topRatedUri(machine, String(input.sectionId), minRating),
      });
      const request: PlexRequest = { method: 'POST', url };
      const answer = await transport.json(request);
      const parsed = parse(container('Metadata', playlistSchema), answer.body, request);
      const created = (parsed.MediaContainer.Metadata as z.output<typeof playlistSchema>[] | undefined)?.[0];
      if (!created) throw new PlexError('bad-response', 'Plex POST /playlists: no playlist in the answer');
      return toPlaylist(created);
    },
    async thumbnail(url, size = {}) {
      const path = sameServerPath(url, base);
      const request: PlexRequest = {
        method: 'GET',
        url:
          size.width || size.height
            ? withQuery('/photo/:/transcode', {
                width: size.width ?? size.height,
                height: size.height ?? size.width,
                minSize: 1,
                upscale: 1,
                url: path,
              })
            : path,
        headers: { Accept: 'image/*' },
      };
      const { data, contentType } = await transport.buffer(request, maxThumbnailBytes);
      if (contentType && !/^image\/|^application\/octet-stream/i.test(contentType))
        throw new PlexError(
          'bad-response',
          `Plex GET ${path.split('?')[0]}: expected an image, got ${contentType.split(';')[0]}`,
        );
      return data;
    },
    asUser(token) {
      if (!token) throw new PlexError('invalid-argument', 'a Plex token is required');
      return clientOn(transport.withToken(token), base, options);
    },
  };
  return client;
}

/** A thumb path on this server; absolute URLs are accepted only for this server (the token goes with them). */
function sameServerPath(url: string, base: URL): string {
  if (url.startsWith('/') && !url.startsWith('//') && !/[\s\\]/.test(url)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PlexError('invalid-argument', 'not a Plex image path');
  }
  if (parsed.origin !== base.origin)
    throw new PlexError('invalid-argument', 'refusing to send the Plex token to another host for an image');
  return `${parsed.pathname}${parsed.search}`;
}
