// monitor: Plex health, container-log diagnostics and alerts. This file only wires.
import { createDb } from '@autoalex/db';
import {
  closeRedis,
  createRedis,
  discordCheck,
  plexCheck,
  postgresCheck,
  redisCheck,
  reportDisabled,
  runService,
  startHeartbeat,
  startOpsServer,
  UPSTREAM_CHECK_OPTIONS,
} from '@autoalex/runtime';
import { configShape } from './config.ts';
import { createDockerClient, dockerAvailable, dockerCheck, dockerTarget } from './docker.ts';

await runService({
  name: 'monitor',
  shape: configShape,
  async start(ctx) {
    const { config, health, logger, onShutdown } = ctx;

    const redis = createRedis(config.REDIS_URL, { logger, connectionName: `${config.QUEUE_PREFIX}:monitor` });
    onShutdown('redis', () => closeRedis(redis));
    const pg = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE, applicationName: 'autoalex-monitor' });
    onShutdown('postgres', () => pg.close());

    health.register('redis', redisCheck(redis));
    health.register('postgres', postgresCheck(pg.sql));
    if (config.PLEX_URL) {
      health.register('plex', plexCheck({ url: config.PLEX_URL, token: config.PLEX_TOKEN }), {
        timeoutMs: 5000,
        cacheMs: config.PLEX_POLL_INTERVAL * 1000,
      });
    } else {
      reportDisabled(
        ctx,
        'plex',
        'PLEX_URL is not set: Plex monitoring is disabled; set PLEX_URL and PLEX_TOKEN in .env',
      );
    }
    const docker = dockerTarget(config.DOCKER_HOST);
    if (dockerAvailable(docker)) {
      health.register('docker', dockerCheck(createDockerClient(docker)), { timeoutMs: 5000 });
    } else {
      reportDisabled(
        ctx,
        'docker',
        `no Docker socket at ${docker.kind === 'socket' ? docker.socketPath : config.DOCKER_HOST}: container log diagnostics are disabled; mount the socket (read-only) or set DOCKER_HOST to a socket proxy`,
      );
    }
    if (!config.DISCORD_TOKEN) {
      reportDisabled(ctx, 'discord', 'DISCORD_TOKEN is not set: alerts are not posted to Discord; set it in .env');
    } else if (!config.DISCORD_ALERT_CHANNEL_ID) {
      reportDisabled(
        ctx,
        'discord',
        'DISCORD_ALERT_CHANNEL_ID is not set: alerts are not posted to Discord; set it in .env',
      );
    } else {
      health.register(
        'discord',
        discordCheck({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN }),
        UPSTREAM_CHECK_OPTIONS,
      );
    }

    await startOpsServer(ctx, { port: config.MONITOR_PORT });
    await startHeartbeat(ctx, { redis, queuePrefix: config.QUEUE_PREFIX });

    logger.info(
      'monitoring has not landed yet: this service will poll Plex and the suite, open and resolve incidents, read container logs and post alerts',
    );
  },
});
