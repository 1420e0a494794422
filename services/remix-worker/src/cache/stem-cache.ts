import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Stem } from '@autoalex/audio';
import {
  type Db,
  deleteCachedStem,
  findCachedStem,
  listStemsForEviction,
  putCachedStem,
  totalStemCacheBytes,
} from '@autoalex/db';
import { type BlobStore, isBlobNotFound } from '@autoalex/storage';

export interface StemKey {
  /** sha256 of the source file's bytes. */
  readonly contentHash: string;
  /** modelId() of the stem's model file. */
  readonly model: string;
  readonly stem: Stem;
}

/** Separated stems kept between remixes, so a repeat remix of a track skips separation. */
export interface StemCache {
  /** Copies the cached stem (a float WAV) to `dest`; false when there is none. */
  fetch(key: StemKey, dest: string, signal?: AbortSignal): Promise<boolean>;
  /** Keeps the stem WAV at `src` (`bytes` long). */
  store(key: StemKey, src: string, bytes: number): Promise<void>;
}

export const noStemCache: StemCache = {
  fetch: async () => false,
  store: async () => {},
};

/** Where a stem lives in blob storage: deterministic, so two workers write the same key. */
export function stemStorageKey(key: StemKey): string {
  return `stems/${key.contentHash}/${key.model}/${key.stem}.wav`;
}

export interface StemCacheLogger {
  warn(fields: object, message: string): void;
}

/**
 * The worker's cache: blobs in storage, indexed in Postgres (`stem_cache`), least recently used
 * entries evicted when the total passes `budgetBytes`.
 */
export function createStemCache(deps: {
  db: Db;
  storage: BlobStore;
  budgetBytes: number;
  logger?: StemCacheLogger | undefined;
}): StemCache {
  const { db, storage, budgetBytes } = deps;
  if (budgetBytes <= 0) return noStemCache;
  return {
    async fetch(key, dest, signal) {
      const entry = await findCachedStem(db, key);
      if (!entry) return false;
      try {
        await pipeline(await storage.get(entry.storageKey), createWriteStream(dest, { mode: 0o600 }), {
          ...(signal ? { signal } : {}),
        });
        return true;
      } catch (err) {
        if (!isBlobNotFound(err)) throw err;
        deps.logger?.warn({ storageKey: entry.storageKey }, 'cached stem is gone from storage; separating again');
        await deleteCachedStem(db, entry.id);
        return false;
      }
    },
    async store(key, src, bytes) {
      if (bytes > budgetBytes) return;
      const storageKey = stemStorageKey(key);
      await storage.put(storageKey, createReadStream(src), { contentType: 'audio/wav', contentLength: bytes });
      const kept = await putCachedStem(db, { ...key, storageKey, sizeBytes: bytes });
      await evict(kept.id);
    },
  };

  async function evict(keep: number): Promise<void> {
    let total = await totalStemCacheBytes(db);
    while (total > budgetBytes) {
      const oldest = (await listStemsForEviction(db, 20)).filter((e) => e.id !== keep);
      if (oldest.length === 0) return;
      for (const entry of oldest) {
        if (total <= budgetBytes) return;
        await deleteCachedStem(db, entry.id);
        await storage.delete(entry.storageKey);
        total -= entry.sizeBytes;
      }
    }
  }
}

/** Storage only, no database (the console): the key alone says whether a stem is cached. */
export function createBlobStemCache(storage: BlobStore): StemCache {
  return {
    async fetch(key, dest, signal) {
      try {
        await pipeline(await storage.get(stemStorageKey(key)), createWriteStream(dest, { mode: 0o600 }), {
          ...(signal ? { signal } : {}),
        });
        return true;
      } catch (err) {
        if (isBlobNotFound(err)) return false;
        throw err;
      }
    },
    async store(key, src, bytes) {
      await storage.put(stemStorageKey(key), createReadStream(src), { contentType: 'audio/wav', contentLength: bytes });
    },
  };
}
