import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse, sep } from 'node:path';
import { StartError } from './errors.ts';

// PostgreSQL refuses to run as root, so a root `npm start` runs it as the system's `postgres` user
// (ADR 0061). That user must reach the binaries and DATA_DIR; a clone in a folder other users cannot
// enter (`mktemp -d`, /root) hides both. The binaries are copied where it can reach them; DATA_DIR
// is the user's choice, so an unreachable one stops the start with what to do (ADR 0220).

const USER = 'postgres';

export interface Owner {
  uid?: number;
  gid?: number;
}

/** Who runs PostgreSQL: the current user, or the system's `postgres` user when that is root. */
export function postgresOwner(): Owner {
  if (process.getuid?.() !== 0) return {};
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid, gid };
  } catch {
    throw new StartError(
      'PostgreSQL refuses to run as root and this system has no "postgres" user: run npm start as a normal user, create one (useradd --system postgres), or set DATABASE_URL',
    );
  }
}

/** Whether `owner` can enter the folder (or run the file) at `path`: asked of the system as that user. */
export function canReach(owner: Owner, path: string): boolean {
  if (owner.uid === undefined) return true;
  const run = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', path], {
    uid: owner.uid,
    gid: owner.gid,
    cwd: '/',
    stdio: 'ignore',
  });
  return run.status === 0;
}

/** The outermost folder on the way to `path` that `owner` cannot enter (`path` itself at worst). */
export function closedFolderOn(owner: Owner, path: string): string {
  const { root } = parse(path);
  const parts = path.slice(root.length).split(sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const folder = root + parts.slice(0, i).join(sep);
    if (!canReach(owner, folder)) return folder;
  }
  return path;
}

/** Stops the start when `owner` cannot enter DATA_DIR, saying what to do instead. */
export function assertReachableDataDir(owner: Owner, dataDir: string): void {
  if (canReach(owner, dataDir)) return;
  throw new StartError(
    `PostgreSQL runs as the "${USER}" user here (npm start runs as root), and that user cannot enter ${closedFolderOn(owner, dataDir)}: set DATA_DIR to a folder it can reach (for example /var/lib/autoalex), run npm start as a normal user, or set DATABASE_URL`,
  );
}

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Removes the copy made for the `postgres` user, if one was made. */
  remove(): void;
}

/**
 * The binaries as `owner` can run them: where npm installed them when it can reach them, else a copy
 * of the whole installation (bin, lib, share: the binaries find the rest relative to themselves) in
 * a fresh folder under the system's temporary folder, readable by all and writable by root only.
 */
export function reachableBinaries(installed: { initdb: string; postgres: string }, owner: Owner): PostgresBinaries {
  if (canReach(owner, installed.initdb) && canReach(owner, installed.postgres)) return { ...installed, remove() {} };
  const native = dirname(dirname(installed.initdb));
  const copy = mkdtempSync(join(tmpdir(), 'autoalex-postgres-'));
  const remove = () => rmSync(copy, { recursive: true, force: true });
  try {
    chmodSync(copy, 0o755);
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    const staged = { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
    if (!canReach(owner, staged.initdb) || !canReach(owner, staged.postgres)) {
      throw new StartError(
        `the "${USER}" user cannot run the PostgreSQL binaries, neither in ${native} nor copied to ${copy} (is ${tmpdir()} mounted noexec?): run npm start as a normal user, or set DATABASE_URL`,
      );
    }
    return { ...staged, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
