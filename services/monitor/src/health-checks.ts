import type { Check, CheckOutcome } from '@autoalex/runtime';
import type { AlertSink } from './alerts/sink.ts';
import type { Scheduler } from './scheduler.ts';

/**
 * The monitor is alive when its rounds keep finishing: `down` when none finished for three intervals
 * plus the check deadline (the supervisor then restarts it). Watched targets being down is not the
 * monitor's own health: that is what incidents are for.
 */
export function pollingCheck(
  scheduler: Scheduler,
  options: { intervalMs: number; deadlineMs: number; now(): number; startedAt: number },
): Check {
  const allowedMs = 3 * options.intervalMs + 2 * options.deadlineMs;
  return async () => {
    const last = scheduler.lastFinishedAt()?.getTime() ?? null;
    const since = last ?? options.startedAt;
    const age = options.now() - since;
    if (age > allowedMs) {
      return {
        status: 'down',
        detail:
          last === null
            ? 'no check round has finished since start'
            : `no check round finished in the last ${Math.round(age / 1000)} s`,
      };
    }
    return {
      status: 'ok',
      detail: last === null ? 'first check round running' : `last check round finished ${Math.round(age / 1000)} s ago`,
    };
  };
}

/**
 * Alerts: `degraded` (not `down`: incidents are still recorded) when the last post or edit failed or
 * Discord refuses the bot token.
 */
export function alertsCheck(alerts: AlertSink, discord: Check): Check {
  return async (): Promise<CheckOutcome> => {
    const failure = alerts.lastFailure();
    if (failure) return { status: 'degraded', detail: `the last alert could not be sent: ${failure}` };
    const token = await discord().catch((err: unknown) => ({ status: 'down' as const, detail: String(err) }));
    if (token.status !== 'ok')
      return { status: 'degraded', detail: `${alerts.detail}, but ${token.detail ?? 'Discord is not reachable'}` };
    return { status: 'ok', detail: `${alerts.detail} (${token.detail ?? 'token accepted'})` };
  };
}
