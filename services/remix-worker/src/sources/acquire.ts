import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { remixSource } from '@autoalex/contracts';
import { isPlexError, type PlexClient, type PlexTrack } from '@autoalex/plex';
import { type BlobStore, isBlobNotFound } from '@autoalex/storage';
import type { z } from 'zod';
import type { TrackInfo } from '../pipeline/run-remix.ts';
import { megabytes, type SavedFile, saveStream } from '../pipeline/save-stream.ts';
import { RemixError } from '../remix/errors.ts';

export type RemixSource = z.infer<typeof remixSource>;

export interface SourceDeps {
  /** Undefined when PLEX_URL/PLEX_TOKEN are not set. */
  readonly plex?: PlexClient | undefined;
  readonly storage: BlobStore;
  readonly maxBytes: number;
  readonly logger?: { warn(fields: object, message: string): void } | undefined;
}

export interface AcquiredSource {
  readonly file: SavedFile;
  readonly track: TrackInfo;
}

/** Cover size asked of Plex: enough for a player, small next to the MP3. */
const COVER_PIXELS = 600;

/**
 * Brings the source into `workDir` (the only folder FFmpeg reads from), hashing it on the way:
 * a Plex library track (metadata, part download, cover) or an upload in blob storage.
 */
export async function acquireSource(
  deps: SourceDeps,
  source: RemixSource,
  workDir: string,
  signal?: AbortSignal,
): Promise<AcquiredSource> {
  return source.kind === 'plex-track'
    ? acquirePlexTrack(deps, source.ratingKey, workDir, signal)
    : acquireUpload(deps, source.storageKey, source.filename, workDir, signal);
}

async function acquirePlexTrack(
  deps: SourceDeps,
  ratingKey: string,
  workDir: string,
  signal?: AbortSignal,
): Promise<AcquiredSource> {
  const plex = deps.plex;
  if (!plex) {
    throw new RemixError(
      'PLEX_UNAVAILABLE',
      'Plex is not configured on this server (PLEX_URL and PLEX_TOKEN), so library tracks cannot be remixed',
    );
  }
  let track: PlexTrack;
  try {
    track = await plex.track(ratingKey, { signal });
  } catch (err) {
    if (isPlexError(err, 'not-found')) {
      throw new RemixError('TRACK_NOT_FOUND', 'that track is not in the Plex library any more (deleted or re-added?)', {
        cause: err,
      });
    }
    throw plexFailure(err);
  }
  const part = track.parts[0];
  if (!part) throw new RemixError('TRACK_NOT_FOUND', 'Plex lists that track without a media file to download');
  if (part.size !== undefined && part.size > deps.maxBytes) {
    throw new RemixError(
      'TOO_LARGE',
      `the track's file is ${megabytes(part.size)}; the limit here is ${megabytes(deps.maxBytes)} (REMIX_MAX_DOWNLOAD_MB)`,
    );
  }
  const path = join(workDir, `source${safeExtension(part.container)}`);
  let file: SavedFile;
  try {
    // saveStream enforces the limit with a clear message; the transport only must not stop earlier.
    const download = await plex.downloadPart(part.key, { maxBytes: deps.maxBytes + 1 });
    if (download.contentLength !== undefined && download.contentLength > deps.maxBytes) {
      download.stream.destroy();
      throw new RemixError('TOO_LARGE', `the track's file is larger than ${megabytes(deps.maxBytes)}, the limit here`);
    }
    file = await saveStream(download.stream, path, { maxBytes: deps.maxBytes, signal });
  } catch (err) {
    throw plexFailure(err);
  }
  const cover = track.thumb ? await fetchCover(deps, plex, track.thumb) : undefined;
  return { file, track: { title: track.title, artist: track.artist, album: track.album, cover } };
}

async function fetchCover(deps: SourceDeps, plex: PlexClient, thumb: string): Promise<Uint8Array | undefined> {
  try {
    return await plex.thumbnail(thumb, { width: COVER_PIXELS, height: COVER_PIXELS });
  } catch (err) {
    deps.logger?.warn({ err }, 'no cover from Plex; the remix goes without one');
    return undefined;
  }
}

async function acquireUpload(
  deps: SourceDeps,
  storageKey: string,
  filename: string,
  workDir: string,
  signal?: AbortSignal,
): Promise<AcquiredSource> {
  const found = await deps.storage.stat(storageKey);
  if (!found) throw new RemixError('UPLOAD_MISSING', 'the uploaded file is no longer stored; upload it again');
  if (found.size > deps.maxBytes) {
    throw new RemixError(
      'TOO_LARGE',
      `the file is ${megabytes(found.size)}; the limit here is ${megabytes(deps.maxBytes)}`,
    );
  }
  let stream: Awaited<ReturnType<BlobStore['get']>>;
  try {
    stream = await deps.storage.get(storageKey);
  } catch (err) {
    if (isBlobNotFound(err))
      throw new RemixError('UPLOAD_MISSING', 'the uploaded file is no longer stored; upload it again');
    throw err;
  }
  const path = join(workDir, `source${safeExtension(extname(filename).slice(1))}`);
  const file = await saveStream(stream, path, { maxBytes: deps.maxBytes, signal });
  return { file, track: { filename } };
}

/** A local file (the console): copied into workDir like any other source. */
export async function acquireLocalFile(
  inputPath: string,
  workDir: string,
  options: { maxBytes: number; signal?: AbortSignal | undefined },
): Promise<AcquiredSource> {
  const found = await stat(inputPath).catch(() => undefined);
  if (!found?.isFile()) throw new RemixError('UPLOAD_MISSING', `no such file: ${inputPath}`);
  if (found.size > options.maxBytes) {
    throw new RemixError(
      'TOO_LARGE',
      `${inputPath} is ${megabytes(found.size)}; the limit is ${megabytes(options.maxBytes)}`,
    );
  }
  const path = join(workDir, `source${safeExtension(extname(inputPath).slice(1))}`);
  const file = await saveStream(createReadStream(inputPath), path, options);
  return { file, track: { filename: basename(inputPath) } };
}

function safeExtension(ext: string | undefined): string {
  const clean = ext?.toLowerCase();
  return clean && /^[a-z0-9]{1,8}$/.test(clean) ? `.${clean}` : '';
}

/** Plex failures that retrying cannot fix become RemixErrors; the rest are thrown as they are (retried). */
function plexFailure(err: unknown): unknown {
  if (!isPlexError(err)) return err;
  switch (err.kind) {
    case 'not-found':
      return new RemixError('TRACK_NOT_FOUND', "Plex no longer has that track's file (deleted or moved?)", {
        cause: err,
      });
    case 'unauthorized':
    case 'forbidden':
      return new RemixError('PLEX_UNAVAILABLE', 'Plex refused to hand out the track (check PLEX_TOKEN)', {
        cause: err,
      });
    case 'invalid-argument':
    case 'rejected':
      return new RemixError('PLEX_UNAVAILABLE', `Plex refused the request (${err.message})`, { cause: err });
    default:
      return err;
  }
}
