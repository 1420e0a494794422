// `npm start`: the whole suite on one machine. Config → summary → Postgres/Redis (embedded when no
// URL is given) → migrations → the services under the supervisor → health report. Ctrl-C stops it all.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, redact, SERVICE_NAMES } from '@autoalex/config';
import { migrate } from '@autoalex/db';
import { readStackEnvironment, type StackEnvironment } from './config.ts';
import { StartError } from './errors.ts';
import { healthRows, waitForHealth } from './health.ts';
import { Lifecycle } from './lifecycle.ts';
import { createPrinter, STACK } from './output.ts';
import { type DependencyLog, startEmbeddedPostgres } from './postgres.ts';
import { findOnPath, REDIS_MISSING, startLocalRedis } from './redis.ts';
import { spawnProcess } from './spawn-process.ts';
import { removeStackState, writeStackState } from './stack-state.ts';
import { formatRows, hostOf, integrationRows, shortPath } from './summary.ts';
import { Supervisor } from './supervisor.ts';

const root = resolve(import.meta.dirname, '../../..');
process.stdout.on('error', () => {}); // a closed pipe must not take the stack down

let stack: StackEnvironment;
try {
  stack = readStackEnvironment(root);
} catch (err) {
  console.error(err instanceof ConfigError ? `autoalex: ${err.message}` : err);
  process.exit(1);
}
const { config, env, dataDir } = stack;
const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
const out = createPrinter({
  names: [STACK, 'postgres', 'redis', ...SERVICE_NAMES],
  color: process.stdout.isTTY === true && !env.NO_COLOR,
  write: (text) => process.stdout.write(text),
});
const say = (text: string) => out.note(STACK, text);
const dependencyLog =
  (name: string): DependencyLog =>
  (line, level) => {
    if (level === 'warn' || verbose) out.line(name, line);
  };

const redisBinary = config.REDIS_URL ? undefined : findOnPath('redis-server', env.PATH);
if (!config.REDIS_URL && !redisBinary) {
  console.error(REDIS_MISSING);
  process.exit(1);
}

for (const problem of stack.envFileProblems) say(`warning: ${problem}`);
say(`starting the suite (data in ${shortPath(root, dataDir)})`);
for (const row of formatRows(
  integrationRows(env, { root, dataDir, dockerSocket: existsSync('/var/run/docker.sock') }),
)) {
  say(row);
}

const lifecycle = new Lifecycle();
let supervisor: Supervisor | undefined;
let exitCode = 0;

function shutdown(code: number, reason: string): void {
  if (lifecycle.stopping) return;
  exitCode = code;
  say(`${reason}: stopping every service (Ctrl-C again to force)`);
  void lifecycle
    .shutdown(startup, (name, err) => say(`could not stop ${name}: ${(err as Error).message}`))
    .finally(() => {
      removeStackState(dataDir);
      say('stopped');
      process.exit(exitCode);
    });
}

// One stop request can arrive more than once (npm and the bootstrap both pass a SIGTERM on, a
// terminal's Ctrl-C reaches the whole process group): only a signal a moment later means "force".
const DUPLICATE_SIGNAL_MS = 1000;
let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!lifecycle.stopping) {
      firstSignalAt = Date.now();
      return shutdown(0, signal === 'SIGINT' ? 'Ctrl-C' : signal);
    }
    if (Date.now() - firstSignalAt < DUPLICATE_SIGNAL_MS) return;
    say('forced: killing everything now');
    lifecycle.force();
    removeStackState(dataDir);
    process.exit(130);
  });
}
process.on('exit', () => lifecycle.force());
process.on('uncaughtException', (err) => {
  say(`internal error: ${err.stack ?? err.message}`);
  shutdown(1, 'internal error');
});

async function start(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({ dataDir, onLog: dependencyLog('postgres') });
    lifecycle.add({
      name: 'PostgreSQL',
      stop: () => pg.stop().then(() => say('PostgreSQL stopped')),
      force: () => pg.process.signal('SIGQUIT'),
    });
    watchDependency('PostgreSQL', pg.process.exited);
    say(`PostgreSQL: embedded on 127.0.0.1:${pg.port} (data in ${shortPath(root, dataDir)}/postgres)`);
    databaseUrl = pg.url;
  } else say(`PostgreSQL: DATABASE_URL (${hostOf(databaseUrl)})`);
  if (lifecycle.stopping) return;

  let redisUrl = config.REDIS_URL;
  if (!redisUrl) {
    const redis = await startLocalRedis({ dataDir, binary: redisBinary!, onLog: dependencyLog('redis') });
    lifecycle.add({
      name: 'redis-server',
      stop: () => redis.stop().then(() => say('redis-server stopped')),
      force: () => redis.process.signal('SIGTERM'),
    });
    watchDependency('redis-server', redis.process.exited);
    say(`Redis: redis-server on 127.0.0.1:${redis.port} (data in ${shortPath(root, dataDir)}/redis)`);
    redisUrl = redis.url;
  } else say(`Redis: REDIS_URL (${hostOf(redisUrl)})`);
  if (lifecycle.stopping) return;

  try {
    await migrate(databaseUrl, { logger: { info: (message) => say(`migrations: ${message}`) } });
  } catch (err) {
    throw new StartError(`could not apply the database migrations: ${redact((err as Error).message)}`);
  }
  if (lifecycle.stopping) return;

  const serviceEnv = { ...env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, DATA_DIR: dataDir };
  supervisor = new Supervisor(
    SERVICE_NAMES.map((name) => ({
      name,
      command: process.execPath,
      args: [`services/${name}/src/main.ts`],
      cwd: root,
      env: serviceEnv,
    })),
    { spawn: spawnProcess, onEvent: (event) => out.event(event) },
  );
  const services = supervisor;
  lifecycle.add({ name: 'services', stop: () => services.stop(), force: () => services.kill() });
  services.start();
  writeStackState(dataDir, {
    pid: process.pid,
    databaseUrl,
    redisUrl,
    webUrl: dashboardUrl(),
    startedAt: new Date().toISOString(),
  });
}

function watchDependency(name: string, exited: Promise<{ code: number | null; signal: string | null }>): void {
  void exited.then(({ code, signal }) => {
    if (!lifecycle.stopping) shutdown(1, `${name} exited unexpectedly (${signal ?? `code ${code}`})`);
  });
}

function dashboardUrl(): string {
  return env.PUBLIC_URL || `http://localhost:${config.WEB_PORT}`;
}

async function reportHealth(services: Supervisor): Promise<void> {
  const url = `http://127.0.0.1:${config.WEB_PORT}/api/health`;
  const health = await waitForHealth({
    url,
    names: SERVICE_NAMES,
    processes: () => services.status(),
    stopIf: () => (lifecycle.stopping ? 'stopping' : undefined),
  });
  if (lifecycle.stopping) return;
  say(health.size === 0 ? `no answer from ${url} within 60 s; what the supervisor knows:` : 'health:');
  for (const row of formatRows(healthRows(SERVICE_NAMES, health, services.status()))) say(row);
  say(`dashboard: ${dashboardUrl()}  (Ctrl-C stops the suite)`);
}

const startup = start();
startup.then(
  () => {
    if (supervisor && !lifecycle.stopping) void reportHealth(supervisor);
  },
  (err: unknown) => {
    if (lifecycle.stopping) return; // interrupted by Ctrl-C: the failure is expected, not news
    if (err instanceof StartError) say(err.message);
    else if (err instanceof Error)
      say(`could not start: ${redact(verbose ? (err.stack ?? err.message) : err.message)}`);
    else say(`could not start: ${redact(String(err))}`);
    shutdown(1, 'start-up failed');
  },
);
