import { execFileSync, spawnSync } from 'node:child_process';

/** Debian's python3 (with python3-numpy, python3-onnx), not a pyenv shim. */
export const PYTHON = '/usr/bin/python3';

function probe(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 20_000 });
  return r.status === 0;
}

/** Why the numpy/onnx reference tests cannot run here, or undefined when they can. */
export const pythonMissing: string | undefined = probe(PYTHON, ['-c', 'import numpy, onnx'])
  ? undefined
  : `${PYTHON} with numpy and onnx not found (apt-get install python3-numpy python3-onnx)`;

/** Runs a Python script with `args`; returns stdout. */
export function runPython(script: string, args: string[] = []): string {
  return execFileSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
}
