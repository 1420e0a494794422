import { readdirSync, readFileSync } from 'node:fs';

/** Whether /proc can be read (Linux); the process checks below need it. */
export const canListProcesses = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

/** Pids of running separator processes (child.ts) whose parent is `parent`. */
export function separatorProcessesOf(parent: number): number[] {
  return pidsWhere((pid) => parentOf(pid) === parent && read(`/proc/${pid}/cmdline`).includes('separator/child.ts'));
}

/** Pids of running processes whose environment holds `marker` (children inherit the environment). */
export function processesWithEnv(marker: string): number[] {
  return pidsWhere((pid) => pid !== process.pid && read(`/proc/${pid}/environ`).includes(marker));
}

function pidsWhere(test: (pid: number) => boolean): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      const state = read(`/proc/${pid}/stat`).replace(/^.*\) /, '')[0];
      return state !== undefined && state !== 'Z' && test(pid);
    });
}

function parentOf(pid: number): number {
  return Number(
    read(`/proc/${pid}/stat`)
      .replace(/^.*\) /, '')
      .split(' ')[1],
  );
}

function read(path: string): string {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return ''; // gone meanwhile, or not ours to read
  }
}
