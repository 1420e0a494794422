import { describe, expect, it } from 'vitest';
import {
  type Decision,
  type IncidentPolicy,
  initialState,
  markOpen,
  markResolved,
  nextReminderAt,
  observe,
  type TargetState,
} from './state-machine.ts';

const policy: IncidentPolicy = { failureThreshold: 3, successThreshold: 2 };
const T0 = Date.parse('2026-11-21T08:00:00Z');

/** A fake clock: one check every 30 s. */
function clock() {
  let tick = 0;
  return () => new Date(T0 + 30_000 * tick++);
}

/**
 * Feeds `pattern` (d = down, u = up, ? = unknown) through the machine the way the tracker does:
 * `open` decisions mark it open, `resolve` decisions mark it resolved. Returns every decision.
 */
function run(pattern: string, start: TargetState = initialState('plex'), at = clock()) {
  let state = start;
  const decisions: Decision[] = [];
  for (const step of pattern) {
    const status = step === 'd' ? 'down' : step === 'u' ? 'up' : 'unknown';
    const result = observe(state, { status, detail: step, at: at() }, policy);
    state = result.state;
    if (result.decision.kind === 'open') state = markOpen(state);
    if (result.decision.kind === 'resolve') state = markResolved(state);
    decisions.push(result.decision);
  }
  return { state, decisions, kinds: decisions.map((d) => d.kind) };
}

describe('incident state machine', () => {
  it('opens on the third failure in a row, dated from the first', () => {
    const { decisions, state } = run('ddd');
    expect(decisions.map((d) => d.kind)).toEqual(['none', 'none', 'open']);
    expect(decisions[2]).toEqual({ kind: 'open', since: new Date(T0), failures: 3 });
    expect(state).toMatchObject({ open: true, failures: 3, successes: 0 });
  });

  it('counts failures after the opening on the incident', () => {
    expect(run('ddddd').kinds).toEqual(['none', 'none', 'open', 'still-down', 'still-down']);
  });

  it('resolves on the second success in a row, dated from the first', () => {
    const { decisions, state } = run('dddduu');
    expect(decisions.map((d) => d.kind)).toEqual(['none', 'none', 'open', 'still-down', 'none', 'resolve']);
    // Checks at +0, +30, +60, +90 s failed; the success streak began at +120 s.
    expect(decisions[5]).toEqual({ kind: 'resolve', recoveredAt: new Date(T0 + 120_000) });
    expect(state).toMatchObject({ open: false, successes: 2, failures: 0, failingSince: null });
  });

  it('never opens while failures are not consecutive (flapping before an incident)', () => {
    const { kinds, state } = run('ddudduddudduddu');
    expect(kinds.every((k) => k === 'none')).toBe(true);
    expect(state.open).toBe(false);
  });

  it('folds flapping into the open incident: no resolution until two successes in a row', () => {
    const { kinds } = run('ddd' + 'ududududud' + 'uu');
    expect(kinds.filter((k) => k === 'open')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'resolve')).toHaveLength(1);
    expect(kinds.at(-1)).toBe('resolve');
    expect(kinds.slice(3, -1)).toEqual([
      'none',
      'still-down',
      'none',
      'still-down',
      'none',
      'still-down',
      'none',
      'still-down',
      'none',
      'still-down',
      'none',
    ]);
  });

  it('ignores checks that could not run: they neither break nor extend a streak', () => {
    expect(run('dd?d').kinds).toEqual(['none', 'none', 'none', 'open']);
    expect(run('ddd??uu').kinds).toEqual(['none', 'none', 'open', 'none', 'none', 'none', 'resolve']);
    const { decisions } = run('ddd?u?u');
    // The success streak still starts at the first success.
    expect(decisions[6]).toEqual({ kind: 'resolve', recoveredAt: new Date(T0 + 4 * 30_000) });
  });

  it('asks to open again on the next failure when the opening was not recorded (Postgres down)', () => {
    let state = initialState('plex');
    const at = clock();
    const kinds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const result = observe(state, { status: 'down', detail: 'x', at: at() }, policy);
      state = result.state; // never marked open: the tracker could not record it
      kinds.push(result.decision.kind);
    }
    expect(kinds).toEqual(['none', 'none', 'open', 'open', 'open']);
    const retry = observe(state, { status: 'down', detail: 'x', at: at() }, policy);
    expect(retry.decision).toEqual({ kind: 'open', since: new Date(T0), failures: 6 });
  });

  it('asks to resolve again on the next success when the resolution was not recorded', () => {
    let state = markOpen(initialState('plex'));
    const at = clock();
    const kinds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = observe(state, { status: 'up', detail: 'ok', at: at() }, policy);
      state = result.state;
      kinds.push(result.decision.kind);
    }
    expect(kinds).toEqual(['none', 'resolve', 'resolve', 'resolve']);
  });

  it('after a restart with an incident open in Postgres, needs the full success streak again', () => {
    const restarted = initialState('plex', true);
    expect(run('u', restarted).kinds).toEqual(['none']);
    expect(run('uu', restarted).kinds).toEqual(['none', 'resolve']);
    expect(run('dd', restarted).kinds).toEqual(['still-down', 'still-down']);
  });

  it('opens after one failure and resolves after one success with thresholds of 1', () => {
    let state = initialState('plex');
    const one = { failureThreshold: 1, successThreshold: 1 };
    const down = observe(state, { status: 'down', detail: 'x', at: new Date(T0) }, one);
    expect(down.decision.kind).toBe('open');
    state = markOpen(down.state);
    expect(observe(state, { status: 'up', detail: 'ok', at: new Date(T0 + 1000) }, one).decision).toEqual({
      kind: 'resolve',
      recoveredAt: new Date(T0 + 1000),
    });
  });

  it('schedules reminders an interval after the last one, or never', () => {
    expect(nextReminderAt(new Date(T0), 3_600_000)).toEqual(new Date(T0 + 3_600_000));
    expect(nextReminderAt(new Date(T0), 0)).toBeNull();
  });
});
