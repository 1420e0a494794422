import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@autoalex/runtime/testing/spawn-service';

/**
 * A redis-server of the bench's own on a free port, configured as production runs it (append-only,
 * `noeviction`), with its data in a temporary folder removed on stop — so the machine's shared Redis,
 * and whoever else uses it, does not skew the figures.
 */
export interface DedicatedRedis {
  url: string;
  version: string;
  stop(): Promise<void>;
}

export async function startDedicatedRedis(binary = 'redis-server'): Promise<DedicatedRedis> {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `cannot run ${binary} (${probe.error?.message ?? probe.stderr.trim()}): install redis-server, or pass --redis <url> to use a running Redis`,
    );
  }
  const version = /v=(\S+)/.exec(probe.stdout)?.[1] ?? 'unknown';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'autoalex-bench-redis-'));
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const recent: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      if (line.includes('Ready to accept connections')) resolve();
    });
    void exited.then(() => reject(new Error(`redis-server exited before it was ready:\n${recent.join('\n')}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    version,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
