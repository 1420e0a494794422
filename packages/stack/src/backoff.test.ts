import { describe, expect, it } from 'vitest';
import { decideRestart, DEFAULT_RESTART_POLICY as policy } from './backoff.ts';

const crash = (ranMs: number, code: number | null = 1) => ({ code, signal: null, ranMs });

describe('decideRestart', () => {
  it('waits 1 s, then doubles up to 30 s for consecutive crashes', () => {
    let crashes = 0;
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const decision = decideRestart(policy, crashes, crash(500));
      if (!decision.restart) throw new Error('expected a restart');
      delays.push(decision.delayMs);
      crashes = decision.crashes;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('starts again at 1 s after a run of at least 60 s', () => {
    expect(decideRestart(policy, 5, crash(59_999))).toEqual({ restart: true, delayMs: 30_000, crashes: 6 });
    expect(decideRestart(policy, 5, crash(60_000))).toEqual({ restart: true, delayMs: 1000, crashes: 1 });
  });

  it('does not restart on exit code 78 (configuration error), whatever came before', () => {
    expect(decideRestart(policy, 0, crash(100, 78))).toEqual({ restart: false, reason: 'config' });
    expect(decideRestart(policy, 3, crash(120_000, 78))).toEqual({ restart: false, reason: 'config' });
  });

  it('restarts after a clean exit or a signal too (a service is meant to run until stopped)', () => {
    expect(decideRestart(policy, 0, crash(10, 0)).restart).toBe(true);
    expect(decideRestart(policy, 0, { code: null, signal: 'SIGKILL', ranMs: 10 }).restart).toBe(true);
  });
});
