import type { WatchedTarget } from '@autoalex/monitoring';
import { describeError } from '@autoalex/runtime';
import type { Tracker } from './incidents/tracker.ts';
import type { MonitorLogger } from './logger.ts';
import type { CheckResult, Probe, TargetInfo } from './probes/types.ts';

// One round: every probe at once, each under a deadline; then every result through the incident
// tracker (in a fixed order), the tracker's housekeeping (alerts, reminders, notices) and the
// snapshot for /status. A round never throws.

export interface RoundDeps {
  probes: readonly Probe[];
  tracker: Tracker;
  /** A probe that has not answered after this long counts as its `timeoutStatus`. */
  deadlineMs: number;
  now(): Date;
  logger: MonitorLogger;
  /** Publishes the targets' state for /status; a failure is logged, not thrown. */
  publish?(targets: WatchedTarget[], at: Date): Promise<void>;
  onResult?(target: TargetInfo, result: CheckResult): void;
}

export interface TargetResult extends TargetInfo, CheckResult {}

export interface RoundReport {
  at: Date;
  results: TargetResult[];
  openIncidents: number;
}

export async function runRound(deps: RoundDeps): Promise<RoundReport> {
  const at = deps.now();
  const checked = await Promise.all(deps.probes.map((probe) => checkWithDeadline(probe, deps)));
  const results: TargetResult[] = [];
  for (const [index, probe] of deps.probes.entries()) {
    const answers = checked[index] ?? {};
    for (const target of probe.targets) {
      const result = answers[target.id] ?? { status: 'unknown', detail: `the ${probe.name} probe gave no answer` };
      results.push({ ...target, ...result });
      deps.onResult?.(target, result);
      await deps.tracker.record(target, { status: result.status, detail: result.detail, at });
    }
  }
  await deps.tracker.housekeeping();
  const openIncidents = deps.tracker.openIncidents().length;
  if (deps.publish) {
    try {
      await deps.publish(watched(results, deps.tracker, at), at);
    } catch (err) {
      deps.logger.warn({ detail: describeError(err) }, 'cannot publish the monitor snapshot to Redis');
    }
  }
  return { at, results, openIncidents };
}

async function checkWithDeadline(probe: Probe, deps: RoundDeps): Promise<Record<string, CheckResult>> {
  let timer: NodeJS.Timeout | undefined;
  const seconds = Math.round(deps.deadlineMs / 100) / 10;
  const late = new Promise<Record<string, CheckResult>>((resolve) => {
    timer = setTimeout(
      () => resolve(all(probe, { status: probe.timeoutStatus, detail: `no answer within ${seconds} s` })),
      deps.deadlineMs,
    );
  });
  try {
    return await Promise.race([probe.check(), late]);
  } catch (err) {
    // Probes do not throw; if one does, it is a bug: say so and count nothing.
    deps.logger.error({ probe: probe.name, detail: describeError(err) }, 'a probe failed unexpectedly');
    return all(probe, { status: 'unknown', detail: `the check failed unexpectedly: ${describeError(err)}` });
  } finally {
    clearTimeout(timer);
  }
}

function all(probe: Probe, result: CheckResult): Record<string, CheckResult> {
  return Object.fromEntries(probe.targets.map((target) => [target.id, result]));
}

function watched(results: readonly TargetResult[], tracker: Tracker, at: Date): WatchedTarget[] {
  return results.map((result) => {
    const state = tracker.state(result.id);
    return {
      target: result.id,
      label: result.label,
      kind: result.kind,
      status: result.status,
      detail: result.detail,
      checkedAt: at.toISOString(),
      consecutiveFailures: state?.failures ?? 0,
      consecutiveSuccesses: state?.successes ?? 0,
      incidentOpen: state?.open ?? false,
    };
  });
}
