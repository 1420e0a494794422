import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './embedded-postgres.ts';

// Tests need a real PostgreSQL and a real Redis. Use the ones at TEST_DATABASE_URL / TEST_REDIS_URL
// (default: the local servers on 127.0.0.1); when nothing answers, start our own so `npm test`
// works on a machine with only Node: embedded PostgreSQL from npm, redis-server from PATH.

const root = resolve(import.meta.dirname, '../../..');
const stops: Array<() => Promise<void>> = [];

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = createConnection({ host: hostname || '127.0.0.1', port: Number(port) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
  });
}

async function ensurePostgres(): Promise<string> {
  const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await reachable(url)) return url;
  const port = 54329;
  console.info(`testkit: no PostgreSQL at ${new URL(url).host}; starting an embedded one on port ${port}`);
  const pg = await startTestPostgres(port);
  stops.push(() => pg.stop());
  return pg.url;
}

async function ensureRedis(): Promise<string> {
  const url = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  if (await reachable(url)) return url;
  const port = 63799;
  const dir = join(root, '.tools', 'test-redis');
  mkdirSync(dir, { recursive: true });
  console.info(`testkit: no Redis at ${new URL(url).host}; starting redis-server on port ${port}`);
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    {
      stdio: 'ignore',
    },
  );
  await new Promise<void>((ok, fail) => {
    child.once('error', () =>
      fail(
        new Error(
          'tests need Redis: install redis-server (apt install redis-server, brew install redis) or set TEST_REDIS_URL',
        ),
      ),
    );
    child.once('spawn', () => ok());
  });
  const redisUrl = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await reachable(redisUrl)); i++) await new Promise((r) => setTimeout(r, 100));
  stops.push(async () => {
    child.kill('SIGTERM');
  });
  return redisUrl;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [databaseUrl, redisUrl] = await Promise.all([ensurePostgres(), ensureRedis()]);
  process.env.TEST_DATABASE_URL = databaseUrl;
  process.env.TEST_REDIS_URL = redisUrl;
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redisUrl);
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}
