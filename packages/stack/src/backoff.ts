/** How the stack restarts a service that exited. */
export interface RestartPolicy {
  /** Delay before the first restart; doubles with every consecutive crash. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A run at least this long counts as healthy: the next crash starts again at initialDelayMs. */
  healthyAfterMs: number;
  /** Exit codes that mean "do not restart me" (78, EX_CONFIG: the configuration is wrong). */
  noRestartCodes: readonly number[];
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
  noRestartCodes: [78],
};

/** The exit code a service uses for "my configuration is wrong" (sysexits.h EX_CONFIG). */
export const EXIT_CONFIG = 78;

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  /** How long the process ran, in milliseconds. */
  ranMs: number;
}

export type RestartDecision =
  | { restart: false; reason: 'config' }
  | { restart: true; delayMs: number /** consecutive crashes, this one included */; crashes: number };

/** Pure: what to do after a service exited, given how many times in a row it had crashed before. */
export function decideRestart(policy: RestartPolicy, previousCrashes: number, exit: ExitInfo): RestartDecision {
  if (exit.code !== null && policy.noRestartCodes.includes(exit.code)) return { restart: false, reason: 'config' };
  const before = exit.ranMs >= policy.healthyAfterMs ? 0 : previousCrashes;
  const delayMs = Math.min(policy.initialDelayMs * 2 ** before, policy.maxDelayMs);
  return { restart: true, delayMs, crashes: before + 1 };
}
