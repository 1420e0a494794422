// The incident rules of one target, in the style of Gatus (ADR 0150): an incident opens after
// `failureThreshold` failed checks in a row and resolves after `successThreshold` successful checks
// in a row; while it is open, a failure resets the success streak (flapping stays one incident).
// Pure: the tracker applies the decisions to Postgres and Discord.

export interface IncidentPolicy {
  failureThreshold: number;
  successThreshold: number;
}

/** What one check of a target found. `unknown`: the check could not run (counts for neither streak). */
export interface Observation {
  status: 'up' | 'down' | 'unknown';
  detail: string;
  at: Date;
}

export interface TargetState {
  target: string;
  /** An incident is open in Postgres (as far as this monitor knows). */
  open: boolean;
  /** Failed checks in a row (0 after a success). */
  failures: number;
  /** Successful checks in a row (0 after a failure). */
  successes: number;
  /** First check of the current failure streak; null when the last check succeeded. */
  failingSince: Date | null;
  /** First check of the current success streak; null when the last check failed. */
  recoveringSince: Date | null;
  last: Observation | null;
}

export type Decision =
  /** Nothing to record. */
  | { kind: 'none' }
  /** The failure streak reached the threshold and no incident is open: open one. */
  | { kind: 'open'; since: Date; failures: number }
  /** A failed check while an incident is open: count it on the incident. */
  | { kind: 'still-down' }
  /** The success streak reached the threshold while an incident is open: resolve it. */
  | { kind: 'resolve'; recoveredAt: Date };

/**
 * The state of a target this monitor has not checked yet. `open` comes from Postgres at start-up;
 * the streaks start at zero (ADR 0150: they are re-derived, not persisted).
 */
export function initialState(target: string, open = false): TargetState {
  return { target, open, failures: 0, successes: 0, failingSince: null, recoveringSince: null, last: null };
}

export function observe(
  state: TargetState,
  observation: Observation,
  policy: IncidentPolicy,
): { state: TargetState; decision: Decision } {
  if (observation.status === 'unknown') {
    return { state: { ...state, last: observation }, decision: { kind: 'none' } };
  }
  if (observation.status === 'down') {
    const failures = state.failures + 1;
    const failingSince = state.failingSince ?? observation.at;
    const next: TargetState = {
      ...state,
      failures,
      successes: 0,
      failingSince,
      recoveringSince: null,
      last: observation,
    };
    if (state.open) return { state: next, decision: { kind: 'still-down' } };
    // At or past the threshold: a failed attempt to open (Postgres down) is retried on the next failure.
    if (failures >= policy.failureThreshold) {
      return { state: next, decision: { kind: 'open', since: failingSince, failures } };
    }
    return { state: next, decision: { kind: 'none' } };
  }
  const successes = state.successes + 1;
  const recoveringSince = state.recoveringSince ?? observation.at;
  const next: TargetState = {
    ...state,
    failures: 0,
    successes,
    failingSince: null,
    recoveringSince,
    last: observation,
  };
  if (state.open && successes >= policy.successThreshold) {
    return { state: next, decision: { kind: 'resolve', recoveredAt: recoveringSince } };
  }
  return { state: next, decision: { kind: 'none' } };
}

/** After the tracker recorded an opening in Postgres (or found one another monitor opened). */
export function markOpen(state: TargetState): TargetState {
  return { ...state, open: true };
}

/** After the tracker resolved the incident in Postgres (or found it already resolved). */
export function markResolved(state: TargetState): TargetState {
  return { ...state, open: false };
}

/** When the next reminder is due after one sent (or the alert posted) at `from`; null: none. */
export function nextReminderAt(from: Date, reminderIntervalMs: number): Date | null {
  return reminderIntervalMs > 0 ? new Date(from.getTime() + reminderIntervalMs) : null;
}
