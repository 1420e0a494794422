import { DEFAULT_RESTART_POLICY, decideRestart, type RestartPolicy } from './backoff.ts';

export type Env = Record<string, string | undefined>;

export interface ProcessSpec {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: Env;
  /** Written to the process's stdin, which is then closed; no stdin at all when unset. */
  stdin?: string;
  /** Run as this user (Postgres refuses to run as root). */
  uid?: number;
  gid?: number;
}

export type OutputStream = 'stdout' | 'stderr';

export interface SpawnHooks {
  onLine(stream: OutputStream, line: string): void;
  /** Called once, after the process exited and its output was read. */
  onExit(code: number | null, signal: NodeJS.Signals | null): void;
}

/** A started process as the supervisor sees it. */
export interface ManagedChild {
  readonly pid: number | undefined;
  kill(signal: NodeJS.Signals): void;
}

export type Spawn = (spec: ProcessSpec, hooks: SpawnHooks) => ManagedChild;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type SupervisorEvent =
  | { type: 'started'; name: string; pid: number | undefined }
  | { type: 'output'; name: string; stream: OutputStream; line: string }
  | { type: 'exited'; name: string; code: number | null; signal: string | null; ranMs: number }
  | { type: 'restarting'; name: string; delayMs: number; crashes: number }
  | { type: 'config-error'; name: string }
  | { type: 'stopped'; name: string; code: number | null; signal: string | null };

export type ServiceState = 'running' | 'waiting' | 'config-error' | 'stopping' | 'stopped';

export interface ServiceStatus {
  state: ServiceState;
  pid: number | undefined;
  /** Consecutive crashes (reset by a healthy run). */
  crashes: number;
}

export interface SupervisorOptions {
  spawn: Spawn;
  onEvent(event: SupervisorEvent): void;
  clock?: Clock;
  policy?: RestartPolicy;
  /** How long a stopping process gets between SIGTERM and SIGKILL. */
  stopTimeoutMs?: number;
}

interface Slot {
  spec: ProcessSpec;
  state: ServiceState;
  crashes: number;
  child: ManagedChild | undefined;
  startedAt: number;
  restartTimer: unknown;
  exited: Promise<void>;
  generation: number;
}

/**
 * Runs a set of processes: restarts one that exits (exponential backoff, see decideRestart), leaves
 * one that exits with a "no restart" code stopped, and stops them all with SIGTERM, then SIGKILL
 * after a deadline. Pure process bookkeeping: spawning and time are injected.
 */
export class Supervisor {
  readonly #slots: Slot[];
  readonly #spawn: Spawn;
  readonly #emit: (event: SupervisorEvent) => void;
  readonly #clock: Clock;
  readonly #policy: RestartPolicy;
  readonly #stopTimeoutMs: number;
  #stopping: Promise<void> | undefined;

  constructor(specs: readonly ProcessSpec[], options: SupervisorOptions) {
    this.#spawn = options.spawn;
    this.#emit = options.onEvent;
    this.#clock = options.clock ?? systemClock;
    this.#policy = options.policy ?? DEFAULT_RESTART_POLICY;
    this.#stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.#slots = specs.map((spec) => ({
      spec,
      state: 'stopped',
      crashes: 0,
      child: undefined,
      startedAt: 0,
      restartTimer: undefined,
      exited: Promise.resolve(),
      generation: 0,
    }));
  }

  start(): void {
    for (const slot of this.#slots) this.#launch(slot);
  }

  status(): Record<string, ServiceStatus> {
    return Object.fromEntries(
      this.#slots.map((slot) => [slot.spec.name, { state: slot.state, pid: slot.child?.pid, crashes: slot.crashes }]),
    );
  }

  /** SIGTERM to every process, SIGKILL to those still running after the deadline; no more restarts. */
  stop(): Promise<void> {
    this.#stopping ??= Promise.all(this.#slots.map((slot) => this.#stopSlot(slot))).then(() => undefined);
    return this.#stopping;
  }

  /** SIGKILL to every process now (a second Ctrl-C). */
  kill(): void {
    this.#stopping ??= Promise.all(this.#slots.map((slot) => slot.exited)).then(() => undefined);
    for (const slot of this.#slots) {
      this.#cancelRestart(slot);
      slot.child?.kill('SIGKILL');
    }
  }

  #launch(slot: Slot): void {
    const generation = ++slot.generation;
    let markExited = () => {};
    slot.exited = new Promise<void>((resolve) => {
      markExited = resolve;
    });
    slot.state = 'running';
    slot.startedAt = this.#clock.now();
    const { name } = slot.spec;
    slot.child = this.#spawn(slot.spec, {
      onLine: (stream, line) => this.#emit({ type: 'output', name, stream, line }),
      onExit: (code, signal) => {
        if (generation !== slot.generation) return;
        slot.generation++;
        slot.child = undefined;
        this.#exited(slot, code, signal);
        markExited();
      },
    });
    if (slot.child !== undefined) this.#emit({ type: 'started', name, pid: slot.child.pid });
  }

  #exited(slot: Slot, code: number | null, signal: string | null): void {
    const { name } = slot.spec;
    if (this.#stopping) {
      slot.state = 'stopped';
      this.#emit({ type: 'stopped', name, code, signal });
      return;
    }
    const ranMs = this.#clock.now() - slot.startedAt;
    this.#emit({ type: 'exited', name, code, signal, ranMs });
    const decision = decideRestart(this.#policy, slot.crashes, { code, signal, ranMs });
    if (!decision.restart) {
      slot.state = 'config-error';
      this.#emit({ type: 'config-error', name });
      return;
    }
    slot.state = 'waiting';
    slot.crashes = decision.crashes;
    slot.restartTimer = this.#clock.setTimeout(() => {
      slot.restartTimer = undefined;
      this.#launch(slot);
    }, decision.delayMs);
    this.#emit({ type: 'restarting', name, delayMs: decision.delayMs, crashes: decision.crashes });
  }

  #cancelRestart(slot: Slot): void {
    if (slot.restartTimer === undefined) return;
    this.#clock.clearTimeout(slot.restartTimer);
    slot.restartTimer = undefined;
    slot.state = 'stopped';
  }

  async #stopSlot(slot: Slot): Promise<void> {
    this.#cancelRestart(slot);
    const child = slot.child;
    if (!child) return;
    slot.state = 'stopping';
    child.kill('SIGTERM');
    const deadline = this.#clock.setTimeout(() => child.kill('SIGKILL'), this.#stopTimeoutMs);
    await slot.exited;
    this.#clock.clearTimeout(deadline);
  }
}
