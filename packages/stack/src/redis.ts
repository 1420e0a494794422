import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';
import { StartError } from './errors.ts';
import { findFreePort } from './free-port.ts';
import { livePidIn, readOrCreatePassword } from './local-files.ts';
import { pollUntil } from './poll.ts';
import type { DependencyLog } from './postgres.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

// redis marks notable lines with `#` after the timestamp ("123:M 01 Jan 2025 10:00:00.000 # ..."),
// start-up banners included; only the ones that report a problem are warnings.
const WARNING = / # .*\b(warning|error|fail|failed|cannot|can't|unable|bad)\b/i;

export const REDIS_MISSING =
  'autoalex: Redis is needed and redis-server is not on PATH: install it (apt install redis-server, or brew install redis) or set REDIS_URL to a Redis you run';

/** The absolute path of `name` in the directories of `pathVariable`, if it is there. */
export function findOnPath(name: string, pathVariable: string | undefined): string | undefined {
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export interface LocalRedisOptions {
  /** DATA_DIR: data in DATA_DIR/redis, the password in DATA_DIR/redis.password. */
  dataDir: string;
  /** Path of redis-server. */
  binary: string;
  /** The port to use when free; otherwise the next free one. */
  port?: number;
  onLog?: DependencyLog;
  startTimeoutMs?: number;
}

export interface LocalRedis {
  url: string;
  port: number;
  process: ServerProcess;
  /** SIGTERM (Redis writes its data and exits), SIGKILL after 30 s. */
  stop(): Promise<void>;
}

/**
 * Starts redis-server on 127.0.0.1 with a password, append-only persistence and `noeviction` (BullMQ
 * must never lose a key). The configuration is passed on stdin so the password is not in `ps`.
 */
export async function startLocalRedis(options: LocalRedisOptions): Promise<LocalRedis> {
  const onLog = options.onLog ?? (() => {});
  const dir = join(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  const earlier = livePidIn(pidFile);
  if (earlier !== undefined)
    throw new StartError(
      `a redis-server from an earlier run still runs on ${dir} (pid ${earlier}); stop it (kill ${earlier}) and start again`,
    );
  const password = readOrCreatePassword(join(options.dataDir, 'redis.password'));
  const port = await findFreePort(options.port ?? 6380);
  const config = [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir ${quote(dir)}`,
    `pidfile ${quote(pidFile)}`,
    'daemonize no',
    'appendonly yes',
    'maxmemory-policy noeviction',
    `requirepass ${password}`,
  ].join('\n');

  const recent: string[] = [];
  const server = startServerProcess(
    { name: 'redis', command: options.binary, args: ['-'], cwd: dir, env: {}, stdin: `${config}\n` },
    (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      onLog(line, WARNING.test(line) ? 'warn' : 'debug');
    },
  );
  const stop = () => server.stop('SIGTERM', 30_000);
  const ready = await pollUntil(() => ping(port, password), {
    timeoutMs: options.startTimeoutMs ?? 30_000,
    intervalMs: 100,
    stopIf: () => (server.running ? undefined : 'it exited'),
  });
  if (!ready.ok) {
    await stop();
    throw new StartError(`redis-server did not start (${ready.reason}):\n${recent.join('\n')}`);
  }
  return { url: `redis://:${password}@127.0.0.1:${port}`, port, process: server, stop };
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** AUTH + PING over the wire; true once this server (and not some other on the port) answers. */
function ping(port: number, password: string): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const done = (value: true | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1000, () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.once('connect', () => {
      const auth = `*2\r\n$4\r\nAUTH\r\n$${Buffer.byteLength(password)}\r\n${password}\r\n`;
      socket.write(`${auth}*1\r\n$4\r\nPING\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.startsWith('-')) done(undefined);
      else if (answer === '+OK\r\n+PONG\r\n') done(true);
      else if (answer.length > 12) done(undefined);
    });
  });
}
