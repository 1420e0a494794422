import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MonitorLogger } from './logger.ts';
import type { RoundReport } from './round.ts';
import { createScheduler } from './scheduler.ts';

const silent: MonitorLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** A round that finishes when the test says so, and counts how many run at once. */
function controlledRounds() {
  const pending: Array<() => void> = [];
  let running = 0;
  let most = 0;
  let started = 0;
  const round = async (): Promise<RoundReport> => {
    started++;
    running++;
    most = Math.max(most, running);
    await new Promise<void>((resolve) => pending.push(resolve));
    running--;
    return { at: new Date(0), results: [], openIncidents: 0 };
  };
  return {
    round,
    finishOne: () => pending.shift()?.(),
    started: () => started,
    mostAtOnce: () => most,
    waiting: () => pending.length,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('scheduler', () => {
  it('runs the first round at start, then one per interval after the previous one ends', async () => {
    vi.useFakeTimers();
    const rounds = controlledRounds();
    const scheduler = createScheduler({
      intervalMs: 30_000,
      round: rounds.round,
      logger: silent,
      now: () => new Date(),
    });
    scheduler.start();
    await settle();
    expect(rounds.started()).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000); // the first round is still running: nothing new
    expect(rounds.started()).toBe(1);
    rounds.finishOne();
    await settle();
    expect(scheduler.lastFinishedAt()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(rounds.started()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(rounds.started()).toBe(2);
    rounds.finishOne();
    const stopping = scheduler.stop();
    await stopping;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(rounds.started()).toBe(2);
  });

  it('queues check-now rounds behind the running one: never two at once, each answered with its own', async () => {
    const rounds = controlledRounds();
    const scheduler = createScheduler({
      intervalMs: 3_600_000,
      round: rounds.round,
      logger: silent,
      now: () => new Date(),
    });
    scheduler.start();
    await settle();
    const a = scheduler.runNow();
    const b = scheduler.runNow();
    await settle();
    expect(rounds.started()).toBe(1);
    rounds.finishOne();
    await settle();
    expect(rounds.started()).toBe(2);
    rounds.finishOne();
    await expect(a).resolves.toMatchObject({ openIncidents: 0 });
    await settle();
    rounds.finishOne();
    await expect(b).resolves.toMatchObject({ openIncidents: 0 });
    expect(rounds.mostAtOnce()).toBe(1);
    const stopped = scheduler.stop();
    await stopped;
    await expect(scheduler.runNow()).rejects.toThrow('shutting down');
  });

  it('waits for the round in progress when stopping', async () => {
    const rounds = controlledRounds();
    const scheduler = createScheduler({
      intervalMs: 3_600_000,
      round: rounds.round,
      logger: silent,
      now: () => new Date(),
    });
    scheduler.start();
    await settle();
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    rounds.finishOne();
    await stopping;
    expect(stopped).toBe(true);
  });
});
