import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { sha256File } from '@autoalex/audio';

const known = new Map<string, Promise<string>>();

/**
 * The identity of a model file for the stem cache: its name plus the start of its SHA-256, so a
 * re-exported or different model never reuses stems separated by another. Hashed once per file
 * version (path, size, modification time) per process.
 */
export async function modelId(path: string): Promise<string> {
  const found = await stat(path);
  const key = `${path}\0${found.size}\0${found.mtimeMs}`;
  let id = known.get(key);
  if (!id) {
    id = sha256File(path).then((hash) => `${basename(path).replace(/\.onnx$/, '')}-${hash.slice(0, 16)}`);
    id.catch(() => known.delete(key));
    known.set(key, id);
  }
  return id;
}
