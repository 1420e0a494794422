import { randomBytes } from 'node:crypto';
import { constants, type Dirent } from 'node:fs';
import { access, type FileHandle, mkdir, open, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobListing, BlobStat, BlobStore, GetOptions, PutOptions, PutResult } from './blob-store.ts';
import { checkPutOptions, checkRange, metered, rangeNotSatisfiable } from './body.ts';
import { contentTypeFor } from './content-type.ts';
import { BlobNotFoundError, StorageError } from './errors.ts';
import { assertKey, assertPrefix, isValidKey } from './keys.ts';
import { assertLinkLifetime, assertSigningSecret, localLinkUrl } from './local-link.ts';

export interface LocalBlobStoreOptions {
  /** Folder that holds the blobs; created on first write. */
  root: string;
  /** Address of the web service as users reach it (PUBLIC_URL); links point at its /files/ route. */
  publicUrl: string;
  /** Secret for HMAC-signed links; without it `link()` throws. The web service verifies with the same one. */
  signingSecret?: string;
  /** Clock for links, in milliseconds (tests). */
  now?: () => number;
}

// Helper files live beside the blobs under names that contain `~`, a character keys can never
// contain: they can never collide with a key and `list` skips them.
const TEMP_PREFIX = '~tmp-';
const META_SUFFIX = '~meta';

/** Blobs as plain files under `root`: `songs/a.mp3` is `<root>/songs/a.mp3`. */
export function createLocalBlobStore(options: LocalBlobStoreOptions): BlobStore {
  const root = resolve(options.root);
  const publicUrl = new URL(options.publicUrl).href;
  const secret = options.signingSecret === undefined ? undefined : assertSigningSecret(options.signingSecret);
  const now = options.now ?? Date.now;
  const pathOf = (key: string) => join(root, ...key.split('/'));

  async function put(key: string, body: Parameters<BlobStore['put']>[1], putOptions?: PutOptions): Promise<PutResult> {
    assertKey(key);
    const checked = checkPutOptions(key, body, putOptions);
    const path = pathOf(key);
    const { handle, tempPath } = await openTemp(key, dirname(path));
    const temps = [tempPath];
    try {
      const { chunks, meter } = metered(key, body, checked.contentLength);
      // The write stream owns the handle from here on: it closes it (after fsync, `flush`) on end or error.
      await pipeline(Readable.from(chunks), handle.createWriteStream({ flush: true }));
      const metaPath = `${path}${META_SUFFIX}`;
      if (checked.contentType !== undefined && checked.contentType !== contentTypeFor(key)) {
        const metaTemp = `${tempPath}${META_SUFFIX}`;
        temps.push(metaTemp);
        await writeFileFlushed(metaTemp, JSON.stringify({ contentType: checked.contentType }));
        await rename(metaTemp, metaPath);
      } else {
        await rm(metaPath, { force: true });
      }
      await rename(tempPath, path).catch((err: unknown) => {
        if (errno(err) === 'EISDIR' || errno(err) === 'ENOTEMPTY' || errno(err) === 'EEXIST') throw keyConflict(key);
        throw err;
      });
      return { key, size: meter.count() };
    } catch (err) {
      if (body instanceof Readable && !body.destroyed) body.destroy();
      await Promise.all(temps.map((temp) => rm(temp, { force: true })));
      throw err;
    }
  }

  /** Creates a uniquely named temp file in `dir`; retries when a concurrent delete pruned the folder. */
  async function openTemp(key: string, dir: string): Promise<{ handle: FileHandle; tempPath: string }> {
    for (let attempt = 0; ; attempt++) {
      try {
        await mkdir(dir, { recursive: true });
      } catch (err) {
        if (errno(err) === 'ENOTDIR' || errno(err) === 'EEXIST') throw keyConflict(key);
        throw err;
      }
      const tempPath = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
      try {
        return { handle: await open(tempPath, 'wx'), tempPath };
      } catch (err) {
        if (errno(err) !== 'ENOENT' || attempt >= 5) throw err;
      }
    }
  }

  async function get(key: string, getOptions: GetOptions = {}): Promise<Readable> {
    assertKey(key);
    const range = checkRange(key, getOptions.range);
    let handle: FileHandle;
    try {
      handle = await open(pathOf(key), 'r');
    } catch (err) {
      if (isMissing(err)) throw new BlobNotFoundError(key);
      throw err;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new BlobNotFoundError(key);
      if (range && range.start >= info.size) throw rangeNotSatisfiable(key, range.start);
      return handle.createReadStream({ start: range?.start, end: range?.end, autoClose: true });
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async function statBlob(key: string): Promise<BlobStat | null> {
    assertKey(key);
    const path = pathOf(key);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    if (!info.isFile()) return null;
    return { size: info.size, contentType: await storedContentType(key, path), modifiedAt: info.mtime };
  }

  async function storedContentType(key: string, path: string): Promise<string> {
    try {
      const meta = JSON.parse(await readFile(`${path}${META_SUFFIX}`, 'utf8')) as { contentType?: unknown };
      if (typeof meta.contentType === 'string') return meta.contentType;
    } catch {
      // no sidecar (or an unreadable one): the extension decides
    }
    return contentTypeFor(key);
  }

  async function remove(key: string): Promise<void> {
    assertKey(key);
    const path = pathOf(key);
    try {
      const info = await stat(path);
      if (!info.isFile()) return;
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    await rm(path, { force: true });
    await rm(`${path}${META_SUFFIX}`, { force: true });
    // Prune folders the delete emptied, so a long-lived store does not collect empty folders.
    for (let dir = dirname(path); dir !== root && dir.startsWith(root); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break; // not empty (or already gone): stop
      }
    }
  }

  async function* list(prefix = ''): AsyncGenerator<BlobListing> {
    assertPrefix(prefix);
    const base = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    yield* walk(base === '' ? root : pathOf(base.slice(0, -1)), base, prefix);
  }

  /** Depth-first walk in ascending key order (a folder `a` sorts as `a/`, as its keys do on S3). */
  async function* walk(dir: string, base: string, prefix: string): AsyncGenerator<BlobListing> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    const named = entries
      .filter((entry) => (entry.isFile() || entry.isDirectory()) && isValidKey(entry.name))
      .map((entry) => ({ entry, sortName: entry.isDirectory() ? `${entry.name}/` : entry.name }))
      .sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0));
    for (const { entry } of named) {
      const key = `${base}${entry.name}`;
      if (entry.isDirectory()) {
        if (`${key}/`.startsWith(prefix)) yield* walk(join(dir, entry.name), `${key}/`, prefix);
      } else if (key.startsWith(prefix)) {
        try {
          const info = await stat(join(dir, entry.name));
          yield { key, size: info.size, modifiedAt: info.mtime };
        } catch (err) {
          if (!isMissing(err)) throw err; // deleted while listing: skip it
        }
      }
    }
  }

  return {
    kind: 'local',
    put,
    get,
    stat: statBlob,
    exists: async (key) => (await statBlob(key)) !== null,
    delete: remove,
    list,
    async link(key, { expiresInSeconds }) {
      assertKey(key);
      assertLinkLifetime(expiresInSeconds);
      if (secret === undefined) {
        throw new StorageError('NO_SIGNING_SECRET', 'local blob links need a signing secret (createStorage option)');
      }
      return localLinkUrl(publicUrl, secret, key, expiresInSeconds, now());
    },
    async health() {
      try {
        await mkdir(root, { recursive: true });
        await access(root, constants.R_OK | constants.W_OK);
        return { ok: true, detail: `local disk at ${root}` };
      } catch (err) {
        return { ok: false, detail: `local disk at ${root}: ${errno(err) ?? 'error'}` };
      }
    },
    async close() {},
  };
}

async function writeFileFlushed(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

function isMissing(err: unknown): boolean {
  return errno(err) === 'ENOENT' || errno(err) === 'ENOTDIR';
}

function keyConflict(key: string): StorageError {
  return new StorageError(
    'KEY_CONFLICT',
    `cannot store ${key} on local disk: a blob and a folder of blobs would share a name`,
  );
}
