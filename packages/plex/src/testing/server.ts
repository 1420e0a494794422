import { type RecordedRequest, type ServerControls, startControllableServer } from '@autoalex/testkit';
import { silentWav } from './audio.ts';
import { createFakeLibrary, type FakeLibrary, type FakeLibraryDescription, isFakeLibrary } from './library.ts';
import { createPlexRoutes, htmlError } from './routes.ts';

export interface FakePlexOptions {
  /** The server owner's X-Plex-Token (default `fake-plex-owner-token`). Users' own tokens come from the library. */
  token?: string;
  /** What part downloads serve (default: a short silent WAV). */
  audio?: { bytes: Buffer | Uint8Array; container?: string; codec?: string; contentType?: string };
}

export interface FakePlex extends ServerControls {
  url: string;
  /** The owner's token. */
  token: string;
  library: FakeLibrary;
  /** Every request, in order (the token stays in the headers; check none leaks into `path`/`query`). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A Plex Media Server for tests: /identity, sections and their artists/albums/tracks (types 8/9/10)
 * with X-Plex-Container paging, metadata children/allLeaves, hub search, sessions, part downloads,
 * ratings, album summary edits and playlists; JSON with `Accept: application/json`, XML otherwise;
 * 401 without a known token (except /identity). Pass a `FakeLibrary` to share state with the fake
 * Tautulli.
 */
export async function startFakePlex(
  library: FakeLibrary | FakeLibraryDescription,
  options: FakePlexOptions = {},
): Promise<FakePlex> {
  const state = isFakeLibrary(library) ? library : createFakeLibrary(library);
  const token = options.token ?? 'fake-plex-owner-token';
  const given = options.audio;
  const audio = {
    bytes: given ? Buffer.from(given.bytes) : silentWav(),
    container: given?.container ?? (given ? 'mp3' : 'wav'),
    codec: given?.codec ?? given?.container ?? (given ? 'mp3' : 'pcm'),
    contentType: given?.contentType ?? (given ? 'audio/mpeg' : 'audio/wav'),
  };
  const handler = createPlexRoutes({ library: state, ownerToken: token, audio });
  const server = await startControllableServer(handler, (status) =>
    htmlError(status, status >= 500 ? 'Internal Server Error' : 'Error'),
  );
  return {
    ...server.controls,
    url: server.url,
    token,
    library: state,
    requests: server.requests,
    close: server.close,
  };
}
