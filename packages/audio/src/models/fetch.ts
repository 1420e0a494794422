import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CodedError } from '../errors.ts';
import type { Stem } from '../stems.ts';
import { type ManifestEntry, type ModelManifest, parseManifest } from './manifest.ts';

export type ModelFetchErrorCode = 'HTTP' | 'NETWORK' | 'CHECKSUM' | 'SIZE';

export class ModelFetchError extends CodedError<ModelFetchErrorCode> {}

export interface FetchModelsOptions {
  /** Where the files are published; each file is fetched from baseUrl/<file>. */
  readonly baseUrl: string;
  readonly dir: string;
  /** The published manifest.json (parsed or raw). */
  readonly manifest: ModelManifest | unknown;
  /** Only these stems (default: every file in the manifest). */
  readonly stems?: readonly Stem[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { stem: Stem; file: string; bytes: number; total?: number }) => void;
  readonly fetch?: typeof globalThis.fetch;
}

export interface FetchModelsResult {
  /** Stems downloaded now. */
  readonly downloaded: Stem[];
  /** Stems whose file was already there with the right SHA-256. */
  readonly present: Stem[];
  readonly paths: Partial<Record<Stem, string>>;
}

/**
 * Downloads published ONNX models with SHA-256 verification: streamed to a temporary file in
 * `dir`, hashed on the way, renamed into place only when the hash (and size, when the manifest
 * has one) match. A file already present with the right hash is kept.
 */
export async function fetchModels(options: FetchModelsOptions): Promise<FetchModelsResult> {
  const manifest = parseManifest(options.manifest);
  const entries = manifest.files.filter((f) => !options.stems || options.stems.includes(f.stem));
  const missing = (options.stems ?? []).filter((s) => !entries.some((e) => e.stem === s));
  if (missing.length > 0) throw new Error(`the manifest has no file for stem(s) ${missing.join(', ')}`);
  await mkdir(options.dir, { recursive: true });
  const result: FetchModelsResult = { downloaded: [], present: [], paths: {} };
  for (const entry of entries) {
    const dest = join(options.dir, entry.file);
    result.paths[entry.stem] = dest;
    if (await hasHash(dest, entry.sha256)) {
      result.present.push(entry.stem);
      continue;
    }
    await download(entry, dest, options);
    result.downloaded.push(entry.stem);
  }
  return result;
}

/** SHA-256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function hasHash(path: string, sha256: string): Promise<boolean> {
  const found = await stat(path).catch(() => undefined);
  return found?.isFile() === true && (await sha256File(path)) === sha256;
}

async function download(entry: ManifestEntry, dest: string, options: FetchModelsOptions): Promise<void> {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const url = new URL(encodeURIComponent(entry.file), base).toString();
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: options.signal, redirect: 'follow' });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ModelFetchError('NETWORK', `could not fetch ${url}: ${(err as Error).message}`, { cause: err });
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new ModelFetchError('HTTP', `GET ${url} answered ${response.status} ${response.statusText}`.trim());
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (entry.bytes !== undefined && bytes > entry.bytes) {
        done(new ModelFetchError('SIZE', `${url} is larger than the ${entry.bytes} bytes in the manifest`));
        return;
      }
      hash.update(chunk);
      options.onProgress?.({ stem: entry.stem, file: entry.file, bytes, total: entry.bytes });
      done(null, chunk);
    },
  });
  const tmp = `${dest}.${randomUUID()}.part`;
  try {
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>),
      meter,
      createWriteStream(tmp, { flags: 'wx' }),
      { signal: options.signal },
    );
    if (entry.bytes !== undefined && bytes !== entry.bytes) {
      throw new ModelFetchError('SIZE', `${url} is ${bytes} bytes; the manifest says ${entry.bytes}. Discarded.`);
    }
    const digest = hash.digest('hex');
    if (digest !== entry.sha256) {
      throw new ModelFetchError(
        'CHECKSUM',
        `SHA-256 mismatch for ${entry.file} from ${url}: expected ${entry.sha256}, got ${digest} (${bytes} bytes). ` +
          'The download was discarded; the published file or its manifest is wrong.',
      );
    }
    await rename(tmp, dest);
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof ModelFetchError || options.signal?.aborted) throw err;
    throw new ModelFetchError('NETWORK', `download of ${url} failed: ${(err as Error).message}`, { cause: err });
  }
}
