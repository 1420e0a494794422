import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { freePort } from '@autoalex/testkit/free-port';

export type LogLine = Record<string, unknown> & { msg?: string; level?: string };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedService {
  child: ChildProcess;
  /** Every JSON line the process wrote to stdout so far. */
  logs: LogLine[];
  /** stdout lines that were not JSON (there should be none). */
  otherOutput: string[];
  stderr(): string;
  /** Resolves with the first log line (past or future) that matches; rejects if the process exits first. */
  waitForLog(match: (line: LogLine) => boolean): Promise<LogLine>;
  exited: Promise<Exit>;
  /** Sends the signal and resolves with the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/**
 * Runs `node <entry>` (a service's src/main.ts) with exactly `env` plus PATH: nothing else from the
 * test runner's environment leaks in.
 */
export function spawnService(entry: string, env: Record<string, string>): SpawnedService {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const otherOutput: string[] = [];
  const waiters: Array<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }> = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      otherOutput.push(text);
      return;
    }
    logs.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.match(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      // Let the last output lines arrive before anyone inspects them.
      child.stdout!.once('close', () => resolve({ code, signal }));
      if (child.stdout!.closed) resolve({ code, signal });
    });
  });
  return {
    child,
    logs,
    otherOutput,
    stderr: () => stderr,
    waitForLog(match) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then((exit) =>
          reject(
            new Error(
              `service exited (code ${exit.code}, signal ${exit.signal}) first; stderr: ${stderr}; last log lines: ${logs
                .slice(-5)
                .map((l) => JSON.stringify(l))
                .join(' | ')}`,
            ),
          ),
        );
      });
    },
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A TCP port for a spawned service (below the ephemeral range: see @autoalex/testkit/free-port). */
export { freePort };
