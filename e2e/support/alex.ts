import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// bin/alex as the e2e tests run it: `node packages/console/src/main.ts …` (what bin/alex runs), a
// process of its own talking to the suite over Redis.

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = fileURLToPath(new URL('../../packages/console/src/main.ts', import.meta.url));

export interface AlexRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/alex with `args` and exactly `env` (plus PATH); resolves when it exits. */
export function alex(args: readonly string[], env: Record<string, string>): Promise<AlexRun> {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The JSON lines of `alex … --json`: each answer as `{ kind, body, files }`. */
export function jsonAnswers(run: AlexRun): { kind: string; body: Record<string, unknown>; files: unknown[] }[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind: string; body: Record<string, unknown>; files: unknown[] });
}
