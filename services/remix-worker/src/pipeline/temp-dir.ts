import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `fn` with a fresh private folder (mode 0700 from mkdtemp) and removes it afterwards, whether
 * `fn` resolved, threw or was aborted. Every file a remix touches lives in it.
 */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>, parent: string = tmpdir()): Promise<T> {
  const dir = await mkdtemp(join(parent, 'autoalex-remix-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
