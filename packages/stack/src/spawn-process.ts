import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ManagedChild, OutputStream, Spawn } from './supervisor.ts';

/** How long to wait for a process's output to drain after it exited (a grandchild may hold the pipe). */
const DRAIN_MS = 1000;

/**
 * Starts a process in its own process group, so that a Ctrl-C in the terminal reaches only the
 * stack, which then stops everything in order. SIGKILL goes to the whole group (a service's own
 * children included). Output arrives line by line.
 */
export const spawnProcess: Spawn = (spec, hooks) => {
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    detached: true,
    ...(spec.uid !== undefined ? { uid: spec.uid } : {}),
    ...(spec.gid !== undefined ? { gid: spec.gid } : {}),
  });
  child.stdin?.on('error', () => {}); // a process that exits before reading its input
  child.stdin?.end(spec.stdin);
  for (const stream of ['stdout', 'stderr'] as OutputStream[]) {
    createInterface({ input: child[stream]!, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
      hooks.onLine(stream, line),
    );
  }
  let done = false;
  const finish = (code: number | null, signal: NodeJS.Signals | null) => {
    if (done) return;
    done = true;
    hooks.onExit(code, signal);
  };
  child.once('exit', (code, signal) => {
    const drained = setTimeout(() => finish(code, signal), DRAIN_MS);
    child.once('close', () => {
      clearTimeout(drained);
      finish(code, signal);
    });
  });
  child.on('error', (err) => {
    // Also emitted when a signal cannot be sent; only a failed start means the process is gone.
    if (child.pid !== undefined) return;
    hooks.onLine('stderr', `could not start ${spec.command}: ${err.message}`);
    finish(null, null);
  });
  const handle: ManagedChild = {
    pid: child.pid,
    kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (signal === 'SIGKILL' && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
          return;
        } catch {
          // the group is gone already; fall through to the process itself
        }
      }
      child.kill(signal);
    },
  };
  return handle;
};
