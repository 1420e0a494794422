#!/usr/bin/env node
// Bootstrap for the root npm scripts. Runs on any Node >= 20 with only npm:
// fetches Node 24 and pnpm 10 from the npm registry into .tools/ when missing,
// installs the workspace when the lockfile changed, then runs the requested task with Node 24.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0';
const PNPM_VERSION = '10.34.9';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tools = join(root, '.tools');

const TASKS = {
  start: ['node', 'packages/stack/src/main.ts'],
  test: ['pnpm', 'run', '--silent', 'test:all'],
  bench: ['node', 'bench/run.ts'],
  chaos: ['pnpm', 'exec', 'vitest', 'run', '--config', 'chaos/vitest.config.ts'],
  remix: ['node', 'services/remix-worker/src/cli.ts'],
  migrate: ['node', 'packages/db/src/migrate-cli.ts'],
  alex: ['node', 'packages/console/src/main.ts'],
  install: null,
};

function die(message) {
  console.error(`autoalex: ${message}`);
  process.exit(1);
}

function run(cmd, args, env, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: opts.quiet ? 'pipe' : 'inherit' });
  if (r.error) die(`could not run ${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

function nodePackage() {
  return `node-${process.platform}-${process.arch}`;
}

function hasNode24() {
  return Number(process.versions.node.split('.')[0]) >= 24;
}

// Both tools live in one tiny npm project under .tools/ so that installing one never removes the other.
function ensureTools() {
  const wanted = { pnpm: PNPM_VERSION };
  if (!hasNode24()) wanted[nodePackage()] = NODE_VERSION;
  const missing = Object.keys(wanted).filter((name) => !existsSync(join(tools, 'node_modules', name, 'package.json')));
  if (missing.length === 0) return;
  if (!hasNode24())
    console.error(
      `autoalex: Node ${process.versions.node} is older than 24; fetching Node ${NODE_VERSION} into .tools/`,
    );
  console.error(`autoalex: fetching ${missing.join(', ')} from the npm registry into .tools/`);
  mkdirSync(tools, { recursive: true });
  writeFileSync(join(tools, 'package.json'), `${JSON.stringify({ private: true, dependencies: wanted }, null, 2)}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const status = run(npm, ['install', '--prefix', tools, '--no-package-lock', '--no-audit', '--no-fund'], process.env);
  if (status !== 0) die('npm could not fetch the toolchain; check your connection to the npm registry');
}

function nodeDir() {
  return hasNode24() ? dirname(dirname(process.execPath)) : join(tools, 'node_modules', nodePackage());
}

function main() {
  const [task = 'start', ...args] = process.argv.slice(2);
  if (!(task in TASKS)) die(`unknown task "${task}"; one of: ${Object.keys(TASKS).join(', ')}`);

  ensureTools();
  const node = nodeDir();
  const pnpm = join(tools, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  const binDir = join(tools, 'bin');
  mkdirSync(binDir, { recursive: true });
  // Node 24 first on PATH, so what pnpm runs (vitest and the processes tests spawn) gets it too.
  writeFileSync(
    join(binDir, 'pnpm'),
    `#!/bin/sh\nPATH="${join(node, 'bin')}:$PATH"\nexport PATH\nexec "${join(node, 'bin', 'node')}" "${pnpm}" "$@"\n`,
    {
      mode: 0o755,
    },
  );

  const env = {
    ...process.env,
    PATH: [join(node, 'bin'), binDir, join(root, 'node_modules', '.bin'), process.env.PATH].join(':'),
    // Native addons (@discordjs/opus) must build against Node 24's headers, not the system Node's.
    npm_config_nodedir: node,
    // onnxruntime-node carries its CPU binary; its install script only fetches GPU extras.
    ONNXRUNTIME_NODE_INSTALL: 'skip',
    ONNXRUNTIME_NODE_INSTALL_CUDA: 'skip',
  };

  const lock = join(root, 'pnpm-lock.yaml');
  const stamp = join(root, 'node_modules', '.autoalex-installed');
  const want = existsSync(lock) ? createHash('sha256').update(readFileSync(lock)).digest('hex') : 'none';
  const have = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
  if (task === 'install' || want !== have) {
    const flags = existsSync(lock) ? ['--frozen-lockfile'] : [];
    if (run('pnpm', ['install', ...flags], env) !== 0) die('pnpm install failed (see above)');
    writeFileSync(stamp, want);
  }
  if (task === 'install') return;

  const [cmd, ...rest] = TASKS[task];
  const bin = cmd === 'node' ? join(node, 'bin', 'node') : cmd;
  const child = spawn(bin, [...rest, ...args], { cwd: root, env, stdio: 'inherit' });
  // Ctrl-C reaches the whole process group; keep this process alive until the task has shut down.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (signal !== 'SIGINT') child.kill(signal);
    });
  }
  child.on('error', (err) => die(`could not run ${task}: ${err.message}`));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}

main();
