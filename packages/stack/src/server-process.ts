import { spawnProcess } from './spawn-process.ts';
import type { OutputStream, ProcessSpec } from './supervisor.ts';

export interface ProcessExit {
  code: number | null;
  signal: string | null;
}

/** A long-running dependency (PostgreSQL, redis-server) the stack started and will stop. */
export interface ServerProcess {
  readonly pid: number | undefined;
  /** Resolves when the process has exited, however that happened. */
  readonly exited: Promise<ProcessExit>;
  readonly running: boolean;
  /** Sends `signal`, then SIGKILL if it still runs after `timeoutMs`; resolves once it exited. */
  stop(signal: NodeJS.Signals, timeoutMs: number): Promise<void>;
  /** Sends `signal` and returns at once (for a forced exit). */
  signal(signal: NodeJS.Signals): void;
}

export function startServerProcess(
  spec: ProcessSpec,
  onLine: (line: string, stream: OutputStream) => void,
): ServerProcess {
  let running = true;
  let resolveExit: (exit: ProcessExit) => void = () => {};
  const exited = new Promise<ProcessExit>((resolve) => {
    resolveExit = resolve;
  });
  const child = spawnProcess(spec, {
    onLine: (stream, line) => onLine(line, stream),
    onExit: (code, signal) => {
      running = false;
      resolveExit({ code, signal });
    },
  });
  return {
    pid: child.pid,
    exited,
    get running() {
      return running;
    },
    async stop(signal, timeoutMs) {
      if (!running) return;
      child.kill(signal);
      const deadline = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(deadline);
    },
    signal(signal) {
      if (running) child.kill(signal);
    },
  };
}
