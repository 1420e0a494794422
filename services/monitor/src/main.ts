// monitor: Plex health, container-log diagnostics and alerts. This file only wires.
import { createDiscordRest, createResponder } from '@autoalex/discord';
import { readMonitorStatus, writeMonitorSnapshot } from '@autoalex/monitoring';
import { connectInfrastructure, reportDisabled, runService, startOps, useIntegration } from '@autoalex/runtime';
import { consumeQueue, useBus } from '@autoalex/runtime/integrations/bus';
import { dockerIntegration } from '@autoalex/runtime/integrations/docker';
import { alertsIntegration } from './alerts/integration.ts';
import { handleCheckNow } from './check-now.ts';
import { configShape } from './config.ts';
import { captureDiagnostics } from './diagnostics.ts';
import { pollingCheck } from './health-checks.ts';
import { createTracker } from './incidents/tracker.ts';
import { runRound } from './round.ts';
import { createScheduler } from './scheduler.ts';
import { buildWatchList } from './watch-list.ts';

await runService({
  name: 'monitor',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, metrics, onShutdown } = ctx;
    const now = () => new Date();
    const intervalMs = config.PLEX_POLL_INTERVAL * 1000;
    const deadlineMs = config.MONITOR_CHECK_TIMEOUT * 1000;

    const { redis, pg } = connectInfrastructure(ctx, { postgres: true });
    const bus = useBus(ctx);
    // Docker: only for the diagnostics attached to a Plex alert. A missing socket is said in the alert.
    const docker = useIntegration(ctx, dockerIntegration);
    // One REST client (one set of rate-limit buckets) for alerts and check-now answers, which need no token.
    const rest = createDiscordRest({ api: config.DISCORD_API_URL, token: config.DISCORD_TOKEN });
    const alerts = useIntegration(ctx, alertsIntegration, { client: { rest } });

    const watch = buildWatchList(config, { redis, bus });
    for (const { check, detail } of watch.disabled) reportDisabled(ctx, check, detail);

    const checkUp = metrics.gauge({
      name: 'autoalex_monitor_target_up',
      help: 'Last check of each watched target: 1 up, 0 down (absent while unknown)',
      labelNames: ['target'],
    });
    const events = metrics.counter({
      name: 'autoalex_monitor_incident_events_total',
      help: 'Incidents opened and resolved, alerts, recovery notices and reminders sent, by target',
      labelNames: ['event', 'target'],
    });
    const secrets = [config.PLEX_TOKEN, config.TAUTULLI_API_KEY, config.DISCORD_TOKEN].filter(
      (value): value is string => Boolean(value),
    );
    const tracker = createTracker({
      db: pg.db,
      alerts,
      diagnose: (container) =>
        captureDiagnostics(
          docker,
          container,
          { tailLines: config.MONITOR_LOG_LINES, timeoutMs: deadlineMs, secrets },
          now,
        ),
      policy: {
        failureThreshold: config.MONITOR_FAILURE_THRESHOLD,
        successThreshold: config.MONITOR_SUCCESS_THRESHOLD,
        reminderIntervalMs: config.MONITOR_REMINDER_INTERVAL * 1000,
      },
      now,
      logger,
      onEvent: (event, target) => events.inc({ event, target }),
    });

    const snapshotTtlSeconds = 3 * config.PLEX_POLL_INTERVAL + 2 * config.MONITOR_CHECK_TIMEOUT + 30;
    const scheduler = createScheduler({
      intervalMs,
      now,
      logger,
      round: () =>
        runRound({
          probes: watch.probes,
          tracker,
          deadlineMs: deadlineMs + 500,
          now,
          logger,
          onResult: (target, result) => {
            if (result.status === 'unknown') checkUp.remove({ target: target.id });
            else checkUp.set({ target: target.id }, result.status === 'up' ? 1 : 0);
          },
          publish: (targets, at) =>
            writeMonitorSnapshot(
              redis,
              config.QUEUE_PREFIX,
              {
                instance: ctx.instance,
                updatedAt: at.toISOString(),
                intervalSeconds: config.PLEX_POLL_INTERVAL,
                alerts: { enabled: alerts.enabled, detail: alerts.detail },
                targets,
              },
              snapshotTtlSeconds,
            ),
        }),
    });
    health.register(
      'polling',
      pollingCheck(scheduler, { intervalMs, deadlineMs, now: Date.now, startedAt: Date.now() }),
    );

    // Open incidents are read before the first check: a restart neither forgets nor re-alerts them.
    await tracker.housekeeping();
    scheduler.start();
    onShutdown('checks', () => scheduler.stop());

    // Registered after the scheduler, so it stops first: a check-now in progress finishes its round.
    await consumeQueue(ctx, 'monitor', {
      'check-now': (payload, job) =>
        handleCheckNow(
          {
            runNow: () => scheduler.runNow(),
            readStatus: () => readMonitorStatus({ db: pg.db, redis, queuePrefix: config.QUEUE_PREFIX }),
            responderFor: (reply, meta) =>
              createResponder(reply, { rest, redis, queuePrefix: config.QUEUE_PREFIX, meta, logger }),
            now: Date.now,
          },
          payload,
          job,
        ),
    });

    await startOps(ctx, { port: config.MONITOR_PORT, redis });

    logger.info(
      {
        targets: watch.probes.flatMap((probe) => probe.targets.map((target) => target.id)),
        intervalSeconds: config.PLEX_POLL_INTERVAL,
        failureThreshold: config.MONITOR_FAILURE_THRESHOLD,
        successThreshold: config.MONITOR_SUCCESS_THRESHOLD,
        alerts: alerts.detail,
      },
      'monitoring',
    );
  },
});
