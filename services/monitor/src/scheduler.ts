import type { MonitorLogger } from './logger.ts';
import type { RoundReport } from './round.ts';

// Rounds run one at a time: every PLEX_POLL_INTERVAL (counted from the end of the previous timed
// round, so a slow round never piles up), plus one for each check-now job.

export interface Scheduler {
  /** Runs the first round now, then one every interval. */
  start(): void;
  /** Runs a round after the one in progress, if any; resolves with its report. */
  runNow(): Promise<RoundReport>;
  /** No further rounds; resolves when the one in progress has finished. */
  stop(): Promise<void>;
  /** When the last round finished; null before the first. */
  lastFinishedAt(): Date | null;
}

export interface SchedulerOptions {
  intervalMs: number;
  round(): Promise<RoundReport>;
  logger: MonitorLogger;
  now(): Date;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let finished: Date | null = null;
  let count = 0;

  function enqueue(): Promise<RoundReport> {
    if (stopped) return Promise.reject(new Error('the monitor is shutting down'));
    const next = chain.then(async () => {
      const report = await options.round();
      finished = options.now();
      count++;
      const down = report.results.filter((r) => r.status === 'down').map((r) => r.id);
      const fields = { round: count, targets: report.results.length, down, openIncidents: report.openIncidents };
      if (count === 1) options.logger.info(fields, 'first check round finished');
      else options.logger.debug(fields, 'check round finished');
      return report;
    });
    chain = next.catch(() => {});
    return next;
  }

  function tick(): void {
    if (stopped) return;
    enqueue()
      .catch((err: unknown) => options.logger.error({ detail: String(err) }, 'a check round failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  }

  return {
    start() {
      tick();
    },
    runNow: enqueue,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain;
    },
    lastFinishedAt: () => finished,
  };
}
