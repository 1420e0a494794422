import type { TargetKind } from '@autoalex/monitoring';

/** One watched thing: an incident's `target` id, how people read it, and what to diagnose. */
export interface TargetInfo {
  id: string;
  kind: TargetKind;
  label: string;
  /** Docker container to inspect when an incident opens. */
  container?: string | undefined;
}

export interface CheckResult {
  /** `unknown`: the check could not run (e.g. Redis is down); counts for neither streak. */
  status: 'up' | 'down' | 'unknown';
  detail: string;
}

/**
 * Checks one or more targets with one call (the suite's heartbeats are read once for every
 * service). `check` resolves with a result for each target id and never rejects; the round gives
 * it a deadline and reports `timeoutStatus` for every target of a probe that misses it.
 */
export interface Probe {
  name: string;
  targets: readonly TargetInfo[];
  /** What a missed deadline means: `down` for an upstream, `unknown` when the probe reads Redis. */
  timeoutStatus: 'down' | 'unknown';
  check(): Promise<Record<string, CheckResult>>;
}
