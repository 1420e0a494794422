import { PlexError } from '@autoalex/plex';
import { z } from 'zod';

// @autoalex/plex has no "one item by rating key" call yet; this is that call for tracks, with the
// client's conventions: the token in a header only, JSON checked with zod, failures as PlexError
// whose messages never carry the token. (Worth moving into the client as `track(ratingKey)`.)

export interface LibraryTrack {
  readonly ratingKey: string;
  readonly title: string;
  /** Track artist (originalTitle) or else the album artist. */
  readonly artist: string | undefined;
  readonly album: string | undefined;
  /** The track's (album's) cover: a thumb path on the same server. */
  readonly thumb: string | undefined;
  readonly durationMs: number | undefined;
  /** Media[0].Part[0]: what downloadPart takes. */
  readonly part: { readonly key: string; readonly size: number | undefined; readonly container: string | undefined };
}

const text = z.string().optional();
const trackSchema = z.object({
  ratingKey: z.union([z.string(), z.number()]).transform(String),
  type: z.string(),
  title: z.string(),
  originalTitle: text,
  grandparentTitle: text,
  parentTitle: text,
  thumb: text,
  parentThumb: text,
  duration: z.number().optional(),
  Media: z
    .array(
      z.object({
        Part: z
          .array(z.object({ key: z.string(), size: z.number().optional(), container: z.string().optional() }))
          .optional(),
      }),
    )
    .optional(),
});
const answerSchema = z.object({
  MediaContainer: z.object({ Metadata: z.array(z.unknown()).optional() }),
});

export interface FindTrackOptions {
  readonly url: string;
  readonly token: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal | undefined;
  readonly fetch?: typeof globalThis.fetch;
}

/** GET /library/metadata/{ratingKey}: the track, or undefined when Plex has no such item or it is not a track. */
export async function findPlexTrack(ratingKey: string, options: FindTrackOptions): Promise<LibraryTrack | undefined> {
  if (!/^\d{1,12}$/.test(ratingKey)) throw new PlexError('invalid-argument', 'a Plex rating key is digits');
  const path = `/library/metadata/${ratingKey}`;
  const url = new URL(path, options.url);
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: {
        Accept: 'application/json',
        'X-Plex-Token': options.token,
        'X-Plex-Client-Identifier': 'autoalex',
        'X-Plex-Product': 'Autoalex',
      },
      redirect: 'error',
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  } catch (err) {
    options.signal?.throwIfAborted();
    if (timeout.aborted) throw new PlexError('timeout', `Plex GET ${path}: no answer in time`, { method: 'GET', path });
    const code = (err as { cause?: { code?: string } }).cause?.code;
    throw new PlexError('unreachable', `Plex GET ${path}: ${code ?? 'cannot connect'}`, {
      method: 'GET',
      path,
      ...(code ? { code } : {}),
    });
  }
  const status = response.status;
  if (status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    const kind = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status >= 500 ? 'server' : 'rejected';
    throw new PlexError(kind, `Plex GET ${path}: ${status}${status === 401 ? ' (check the Plex token)' : ''}`, {
      method: 'GET',
      path,
      status,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    throw new PlexError('bad-response', `Plex GET ${path}: the answer is not JSON`, { method: 'GET', path });
  }
  const answer = answerSchema.safeParse(body);
  if (!answer.success)
    throw new PlexError('bad-response', `Plex GET ${path}: unexpected answer`, { method: 'GET', path });
  const item = trackSchema.safeParse(answer.data.MediaContainer.Metadata?.[0]);
  if (!item.success || item.data.type !== 'track') return undefined;
  const track = item.data;
  const part = track.Media?.[0]?.Part?.[0];
  if (!part)
    throw new PlexError('bad-response', `Plex GET ${path}: the track has no media part`, { method: 'GET', path });
  return {
    ratingKey: track.ratingKey,
    title: track.title,
    artist: track.originalTitle ?? track.grandparentTitle,
    album: track.parentTitle,
    thumb: track.thumb ?? track.parentThumb,
    durationMs: track.duration,
    part: { key: part.key, size: part.size, container: part.container },
  };
}
