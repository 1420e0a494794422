import { fork } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FromChild, ToChild } from './protocol.ts';

/** How much of the process's stderr a failure report quotes. */
const STDERR_TAIL = 2000;

export interface SeparatorProcess {
  /** Resolves once the message is written (at once if the process is gone: its exit says so). */
  send(message: ToChild): Promise<void>;
  /** Keeps the parent's event loop alive while a job runs; unref lets an idle parent exit. */
  ref(): void;
  unref(): void;
  /**
   * Asks the process to stop its job, release its sessions and exit; kills it after `graceMs`.
   * Resolves once it is gone.
   */
  stop(graceMs: number): Promise<void>;
}

export interface ProcessEvents {
  onMessage(message: FromChild): void;
  /** The process ended without being asked to: `reason` says how, with its last stderr lines. */
  onExit(reason: string): void;
}

/**
 * Forks the separator process (child.ts). Its stderr is passed through and its tail kept for the
 * failure report; an exit nobody asked for is reported once.
 */
export function startSeparatorProcess(events: ProcessEvents): SeparatorProcess {
  const child = fork(fileURLToPath(new URL('./child.ts', import.meta.url)), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    // The parent's flags (type stripping, memory limits…), but not the ones that would make the
    // child fight it for the debug port, restart itself on changes or run as a test file.
    execArgv: process.execArgv.filter((arg) => !/^--(inspect|debug|watch|test)/.test(arg)),
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  let stopping = false;
  let gone = false;
  let markGone: () => void = () => {};
  const exited = new Promise<void>((resolve) => {
    markGone = resolve;
  });
  const end = (reason: string) => {
    if (gone) return;
    gone = true;
    markGone();
    if (!stopping) events.onExit(withStderr(reason, tail));
  };
  child.on('message', (message: FromChild) => events.onMessage(message));
  // 'close', not 'exit': it comes after the last of stderr, which says why a crash happened.
  child.on('close', (code, signal) => end(signal ? `was killed by ${signal}` : `exited with code ${code}`));
  child.on('error', (err) => end(`could not run: ${err.message}`));

  const stderr = child.stderr as Socket | null;
  const ref = () => {
    child.ref();
    child.channel?.ref();
    stderr?.ref();
  };
  return {
    send(message) {
      // A send to a process that has just died fails; its exit reports that.
      if (gone || !child.connected) return Promise.resolve();
      return new Promise((resolve) => child.send(message, () => resolve()));
    },
    ref,
    unref() {
      child.unref();
      child.channel?.unref();
      stderr?.unref();
    },
    async stop(graceMs) {
      stopping = true;
      if (gone) return;
      ref(); // the caller waits for the exit
      if (child.connected) child.send({ type: 'close' } satisfies ToChild, () => {});
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      });
      const late = await Promise.race([exited.then(() => false), graceOver]);
      clearTimeout(timer);
      // Killing it is always safe for this process: ONNX Runtime never runs here.
      if (late) child.kill('SIGKILL');
      await exited;
    },
  };
}

function withStderr(reason: string, tail: string): string {
  const lines = tail
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-3);
  return lines.length > 0 ? `${reason}: ${lines.join(' | ')}` : reason;
}
