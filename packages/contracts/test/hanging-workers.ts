import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type JobContext, type JobEnd, type RemixJob, runWorker } from '../src/index.ts';

// Worker processes that take a remix job and never finish it (fixtures/hanging-worker.ts), to be
// killed with SIGKILL mid-job as an OOM kill would; and the in-process worker that takes over.

export interface HangingWorker {
  child: ChildProcess;
  /** Resolves with the first stdout line (past or future) that starts with `word`; rejects if the process exits first. */
  waitForLine(word: string): Promise<string>;
  kill(): Promise<void>;
}

export function spawnHangingWorker(connection: string, prefix: string): HangingWorker {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'fixtures/hanging-worker.ts'), connection, prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<{ word: string; resolve: (line: string) => void; reject: (err: Error) => void }> = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    seen.push(line);
    for (const w of waiters.filter((w) => line.startsWith(w.word))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  });
  child.once('exit', (code, signal) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`worker exited (${code ?? signal}): ${stderr.join('')}`));
  });
  return {
    child,
    waitForLine: (word) =>
      new Promise<string>((resolve, reject) => {
        const line = seen.find((l) => l.startsWith(word));
        if (line) resolve(line);
        else waiters.push({ word, resolve, reject });
      }),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export type Ended = { payload: RemixJob; end: JobEnd };

export interface RescuerOptions {
  /** The handler (default: resolves 'done'). */
  handle?: (payload: RemixJob, ctx: JobContext) => Promise<unknown>;
  /** Also called by the `ended` hook. */
  onEnded?: (ended: Ended) => Promise<void>;
}

/**
 * An in-process remix worker with a short lock and stall check (it takes a killed worker's job over within
 * about a second), recording its runs and its `ended` hook's calls. Close its `worker`.
 */
export function startRescuer(connection: string, prefix: string, options: RescuerOptions = {}) {
  const runs: JobContext[] = [];
  const ended: Ended[] = [];
  const worker = runWorker({
    queue: 'remix',
    connection,
    prefix,
    lockDuration: 1000,
    stalledInterval: 250,
    handlers: {
      remix: async (payload, ctx) => {
        runs.push(ctx);
        return options.handle ? options.handle(payload, ctx) : 'done';
      },
    },
    ended: {
      remix: async (payload, end) => {
        ended.push({ payload, end });
        await options.onEnded?.({ payload, end });
      },
    },
  });
  return { worker, runs, ended };
}
