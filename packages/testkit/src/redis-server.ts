import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './free-port.ts';

/**
 * A redis-server of a test's own, on a free port, configured as production runs it (append-only,
 * `noeviction`), that the test can stop (SIGKILL: an outage, not a clean shutdown) and start again
 * on the same port with the same data — for the Redis-outage tests of ADR 0230. The shared test
 * Redis is never taken down.
 */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** True between `start` and `stop`. */
  readonly running: boolean;
  /** Kills the server (SIGKILL); clients see the connection drop and every reconnect refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

export async function startPrivateRedis(binary = 'redis-server'): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'autoalex-redis-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    if (child) return;
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
    args.push('--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction');
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    const recent: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        proc.once('error', (err) =>
          reject(new Error(`cannot run ${binary} (${err.message}): install redis-server (apt install redis-server)`)),
        );
        createInterface({ input: proc.stdout! }).on('line', (line) => {
          recent.push(line);
          if (recent.length > 20) recent.shift();
          if (line.includes('Ready to accept connections')) resolve();
        });
        void exited.then(() => reject(new Error(`redis-server exited before it was ready:\n${recent.join('\n')}`)));
      });
    } catch (err) {
      child = undefined;
      throw err;
    }
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc) return;
    child = undefined;
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get running() {
      return child !== undefined;
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
