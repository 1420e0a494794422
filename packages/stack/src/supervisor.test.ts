import { beforeEach, describe, expect, it } from 'vitest';
import { type Clock, type ProcessSpec, type SpawnHooks, Supervisor, type SupervisorEvent } from './supervisor.ts';

class FakeClock implements Clock {
  time = 0;
  #next = 1;
  #timers = new Map<number, { at: number; callback: () => void }>();
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.time + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.#timers.delete(handle as number);
  };
  get pending(): number {
    return this.#timers.size;
  }
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = until;
  }
}

class FakeChild {
  readonly signals: string[] = [];
  readonly spec: ProcessSpec;
  readonly pid: number;
  readonly #hooks: SpawnHooks;
  constructor(spec: ProcessSpec, hooks: SpawnHooks, pid: number) {
    this.spec = spec;
    this.#hooks = hooks;
    this.pid = pid;
  }
  kill(signal: NodeJS.Signals): void {
    this.signals.push(signal);
  }
  print(line: string): void {
    this.#hooks.onLine('stdout', line);
  }
  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.#hooks.onExit(code, signal);
  }
}

const spec = (name: string): ProcessSpec => ({ name, command: 'node', args: [`${name}.ts`], cwd: '/', env: {} });

let clock: FakeClock;
let children: FakeChild[];
let events: SupervisorEvent[];
let supervisor: Supervisor;

function latest(name: string): FakeChild {
  const child = children.filter((c) => c.spec.name === name).at(-1);
  if (!child) throw new Error(`${name} never started`);
  return child;
}

beforeEach(() => {
  clock = new FakeClock();
  children = [];
  events = [];
  supervisor = new Supervisor([spec('web'), spec('gateway')], {
    clock,
    onEvent: (event) => events.push(event),
    spawn: (s, hooks) => {
      const child = new FakeChild(s, hooks, 100 + children.length);
      children.push(child);
      return child;
    },
  });
  supervisor.start();
});

describe('Supervisor', () => {
  it('starts every process and relays its output', () => {
    expect(children.map((c) => c.spec.name)).toEqual(['web', 'gateway']);
    latest('web').print('hello');
    expect(events).toContainEqual({ type: 'output', name: 'web', stream: 'stdout', line: 'hello' });
    expect(supervisor.status().web).toEqual({ state: 'running', pid: 100, crashes: 0 });
  });

  it('restarts a crashed process after 1 s, 2 s, 4 s… and not before', () => {
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(500);
      latest('web').exit(1);
      const restart = events.at(-1);
      expect(restart).toMatchObject({ type: 'restarting', name: 'web' });
      const delayMs = (restart as { delayMs: number }).delayMs;
      delays.push(delayMs);
      const before = children.length;
      clock.advance(delayMs - 1);
      expect(children.length).toBe(before);
      expect(supervisor.status().web?.state).toBe('waiting');
      clock.advance(1);
      expect(children.length).toBe(before + 1);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    expect(supervisor.status().web?.crashes).toBe(4);
    expect(children.filter((c) => c.spec.name === 'gateway')).toHaveLength(1);
  });

  it('resets the backoff after a run of 60 s', () => {
    for (let i = 0; i < 3; i++) {
      latest('web').exit(1);
      clock.advance(30_000);
    }
    clock.advance(60_000);
    latest('web').exit(1);
    expect(events.at(-1)).toEqual({ type: 'restarting', name: 'web', delayMs: 1000, crashes: 1 });
  });

  it('leaves a process that exits with 78 stopped and keeps the others running', () => {
    latest('gateway').exit(78);
    expect(events.slice(-2)).toEqual([
      { type: 'exited', name: 'gateway', code: 78, signal: null, ranMs: 0 },
      { type: 'config-error', name: 'gateway' },
    ]);
    clock.advance(120_000);
    expect(children.filter((c) => c.spec.name === 'gateway')).toHaveLength(1);
    expect(supervisor.status()).toMatchObject({ gateway: { state: 'config-error' }, web: { state: 'running' } });
  });

  it('stops with SIGTERM and resolves once every process exited', async () => {
    let stopped = false;
    const stopping = supervisor.stop().then(() => {
      stopped = true;
    });
    expect(latest('web').signals).toEqual(['SIGTERM']);
    expect(latest('gateway').signals).toEqual(['SIGTERM']);
    latest('web').exit(0);
    await Promise.resolve();
    expect(stopped).toBe(false);
    latest('gateway').exit(null, 'SIGTERM');
    await stopping;
    expect(events.filter((e) => e.type === 'stopped').map((e) => e.name)).toEqual(['web', 'gateway']);
    expect(events.some((e) => e.type === 'restarting')).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('sends SIGKILL to a process still running 10 s after SIGTERM', async () => {
    const stopping = supervisor.stop();
    latest('web').exit(0);
    clock.advance(9_999);
    expect(latest('gateway').signals).toEqual(['SIGTERM']);
    clock.advance(1);
    expect(latest('gateway').signals).toEqual(['SIGTERM', 'SIGKILL']);
    latest('gateway').exit(null, 'SIGKILL');
    await stopping;
    expect(supervisor.status().gateway?.state).toBe('stopped');
  });

  it('cancels a pending restart when stopping', async () => {
    latest('web').exit(1);
    const spawned = children.length;
    const stopping = supervisor.stop();
    latest('gateway').exit(0);
    await stopping;
    clock.advance(60_000);
    expect(children.length).toBe(spawned);
    expect(supervisor.status().web?.state).toBe('stopped');
  });

  it('kill() sends SIGKILL to everything at once', () => {
    supervisor.kill();
    expect(children.map((c) => c.signals)).toEqual([['SIGKILL'], ['SIGKILL']]);
  });
});
