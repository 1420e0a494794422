import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { StartError } from '../src/errors.ts';
import { findFreePort } from '../src/free-port.ts';
import { findOnPath, type LocalRedis, type LocalRedisOptions, startLocalRedis } from '../src/redis.ts';

const started: LocalRedis[] = [];
afterEach(async () => {
  for (const redis of started.splice(0)) await redis.stop(); // no-op when the test stopped it
});
async function start(options: LocalRedisOptions): Promise<LocalRedis> {
  const redis = await startLocalRedis(options);
  started.push(redis);
  return redis;
}

const binary = findOnPath('redis-server', process.env.PATH);

async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  await redis.connect();
  return redis;
}

function connectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code));
  });
}

describe.skipIf(!binary)('startLocalRedis', () => {
  it('runs redis-server with a password, AOF and noeviction on a free port, keeps data across restarts, and stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'autoalex-redis-'));
    const port = await findFreePort(46380);
    const first = await start({ dataDir, binary: binary!, port });
    expect(first.port).toBe(port);
    expect(first.url).toMatch(new RegExp(`^redis://:[0-9a-f]{48}@127\\.0\\.0\\.1:${port}$`));

    const client = await connect(first.url);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    expect(await client.config('GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
    await client.set('autoalex:test', 'kept');
    client.disconnect();

    const anonymous = new Redis(`redis://127.0.0.1:${port}`, {
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
    });
    anonymous.on('error', () => {});
    await anonymous.connect();
    await expect(anonymous.get('autoalex:test')).rejects.toThrow(/NOAUTH/);
    anonymous.disconnect();

    await expect(start({ dataDir, binary: binary! })).rejects.toThrow(StartError);

    await first.stop();
    expect(first.process.running).toBe(false);
    expect(await first.process.exited).toEqual({ code: 0, signal: null });
    expect(await connectError(port)).toBe('ECONNREFUSED');

    const second = await start({ dataDir, binary: binary!, port });
    expect(second.url).toBe(first.url);
    const again = await connect(second.url);
    expect(await again.get('autoalex:test')).toBe('kept');
    again.disconnect();
    await second.stop();
  });
});
