import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RESTART_POLICY } from '../src/backoff.ts';
import { spawnProcess } from '../src/spawn-process.ts';
import { type ProcessSpec, Supervisor, type SupervisorEvent } from '../src/supervisor.ts';

// The process manager with real processes: two tiny Node scripts, one of which crashes once.

const dir = mkdtempSync(join(tmpdir(), 'autoalex-supervisor-'));
const script = (name: string, body: string) => {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
};

const runUntilTerm = `
process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });
console.log(JSON.stringify({ level: 30, msg: 'up', pid: process.pid }));
setInterval(() => {}, 1000);
`;
const steady = script('steady.mjs', runUntilTerm);
const crashOnce = script(
  'crash-once.mjs',
  `import { existsSync, writeFileSync } from 'node:fs';
const marker = process.argv[2];
if (!existsSync(marker)) {
  writeFileSync(marker, 'crashed');
  console.error('crashing on purpose');
  process.exit(3);
}
${runUntilTerm}`,
);
const stubborn = script(
  'stubborn.mjs',
  `import { spawn } from 'node:child_process';
process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('helper ' + helper.pid);
setInterval(() => {}, 1000);
`,
);

const spec = (name: string, file: string, ...args: string[]): ProcessSpec => ({
  name,
  command: process.execPath,
  args: [file, ...args],
  cwd: dir,
  env: { PATH: '' },
});

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A zombie (killed, not yet reaped by init) is gone too.
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function recorder() {
  const events: SupervisorEvent[] = [];
  const waiters: Array<{ match: (e: SupervisorEvent) => boolean; resolve: (e: SupervisorEvent) => void }> = [];
  return {
    events,
    onEvent(event: SupervisorEvent) {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (waiter.match(event)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    },
    /** The n-th event (1-based) that matches, now or when it comes. */
    next(match: (e: SupervisorEvent) => boolean, nth = 1): Promise<SupervisorEvent> {
      const seen = events.filter(match);
      if (seen.length >= nth) return Promise.resolve(seen[nth - 1]!);
      let count = seen.length;
      return new Promise((resolve) => waiters.push({ match: (e) => match(e) && ++count === nth, resolve }));
    },
  };
}

let supervisor: Supervisor | undefined;
afterEach(() => supervisor?.kill());

describe('Supervisor with real processes', () => {
  it('restarts a process that crashed, keeps the other one, and stops both cleanly', async () => {
    const marker = join(dir, 'crashed-once');
    const rec = recorder();
    supervisor = new Supervisor([spec('steady', steady), spec('flaky', crashOnce, marker)], {
      spawn: spawnProcess,
      onEvent: rec.onEvent,
      policy: { ...DEFAULT_RESTART_POLICY, initialDelayMs: 50 },
    });
    supervisor.start();

    await rec.next((e) => e.type === 'output' && e.name === 'flaky' && e.line.includes('"msg":"up"'));
    await rec.next((e) => e.type === 'output' && e.name === 'steady' && e.line.includes('"msg":"up"'));
    expect(existsSync(marker)).toBe(true);
    const flaky = rec.events.filter((e) => e.name === 'flaky' && e.type !== 'output');
    expect(flaky.map((e) => e.type)).toEqual(['started', 'exited', 'restarting', 'started']);
    expect(flaky[1]).toMatchObject({ code: 3, signal: null });
    expect(rec.events).toContainEqual({ type: 'output', name: 'flaky', stream: 'stderr', line: 'crashing on purpose' });
    expect(rec.events.filter((e) => e.type === 'started' && e.name === 'steady')).toHaveLength(1);

    const pids = Object.values(supervisor.status()).map((s) => s.pid!);
    expect(pids).toHaveLength(2);
    await supervisor.stop();
    expect(rec.events.filter((e) => e.type === 'stopped')).toEqual(
      expect.arrayContaining([
        { type: 'stopped', name: 'steady', code: 0, signal: null },
        { type: 'stopped', name: 'flaky', code: 0, signal: null },
      ]),
    );
    expect(rec.events.filter((e) => e.type === 'output' && e.line === 'bye')).toHaveLength(2);
    for (const pid of pids) expect(gone(pid)).toBe(true);
  });

  it('kills a process (and its children) that ignores SIGTERM after the deadline', async () => {
    const rec = recorder();
    supervisor = new Supervisor([spec('stubborn', stubborn)], {
      spawn: spawnProcess,
      onEvent: rec.onEvent,
      stopTimeoutMs: 300,
    });
    supervisor.start();
    const helperLine = await rec.next((e) => e.type === 'output' && e.line.startsWith('helper '));
    const helper = Number((helperLine as { line: string }).line.split(' ')[1]);
    expect(gone(helper)).toBe(false);

    await supervisor.stop();
    expect(rec.events).toContainEqual({ type: 'output', name: 'stubborn', stream: 'stdout', line: 'ignoring SIGTERM' });
    expect(rec.events.at(-1)).toEqual({ type: 'stopped', name: 'stubborn', code: null, signal: 'SIGKILL' });
    await vi.waitFor(() => expect(gone(helper)).toBe(true));
  });

  it('does not restart a process that exits with 78', async () => {
    const rec = recorder();
    const config = script('bad-config.mjs', "console.error('FOO: is required'); process.exit(78);");
    supervisor = new Supervisor([spec('bad', config)], { spawn: spawnProcess, onEvent: rec.onEvent });
    supervisor.start();
    await rec.next((e) => e.type === 'config-error');
    expect(rec.events.filter((e) => e.type !== 'output').map((e) => e.type)).toEqual([
      'started',
      'exited',
      'config-error',
    ]);
    expect(supervisor.status().bad?.state).toBe('config-error');
    await supervisor.stop();
  });
});
