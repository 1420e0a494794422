import { SERVICE_NAMES } from '@autoalex/config';
import { type Bus, QUEUE_NAMES } from '@autoalex/contracts';
import type { Redis } from '@autoalex/runtime';
import type { Config } from './config.ts';
import { plexProbe } from './probes/plex.ts';
import { queuesProbe } from './probes/queues.ts';
import { servicesProbe } from './probes/services.ts';
import { tautulliProbe } from './probes/tautulli.ts';
import type { Probe } from './probes/types.ts';

export interface WatchList {
  probes: Probe[];
  /** Integrations that are not configured, with a sentence saying how to turn them on. */
  disabled: Array<{ check: string; detail: string }>;
}

/** MONITOR_SERVICES as a list of services to watch; the monitor never watches itself. */
export function watchedServices(value: string): string[] {
  const names =
    value === 'all'
      ? [...SERVICE_NAMES]
      : value === 'none'
        ? []
        : value
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean);
  return [...new Set(names)].filter((name) => name !== 'monitor');
}

/** Everything the monitor checks each round, from the configuration. */
export function buildWatchList(config: Config, deps: { redis: Redis; bus: Bus }): WatchList {
  const timeoutMs = config.MONITOR_CHECK_TIMEOUT * 1000;
  const probes: Probe[] = [];
  const disabled: WatchList['disabled'] = [];
  const upstream: string[] = [];
  if (config.PLEX_URL) {
    probes.push(
      plexProbe({
        url: config.PLEX_URL,
        token: config.PLEX_TOKEN,
        timeoutMs,
        container: config.PLEX_CONTAINER_NAME,
      }),
    );
    upstream.push('plex');
  } else {
    disabled.push({
      check: 'plex',
      detail: 'PLEX_URL is not set: Plex is not watched; set PLEX_URL in .env to get alerts when it goes down',
    });
  }
  if (config.TAUTULLI_URL && config.TAUTULLI_API_KEY) {
    probes.push(tautulliProbe({ url: config.TAUTULLI_URL, apiKey: config.TAUTULLI_API_KEY, timeoutMs }));
    upstream.push('tautulli');
  } else {
    disabled.push({
      check: 'tautulli',
      detail: `${config.TAUTULLI_URL ? 'TAUTULLI_API_KEY' : 'TAUTULLI_URL'} is not set: Tautulli is not watched; set TAUTULLI_URL and TAUTULLI_API_KEY in .env`,
    });
  }
  const services = watchedServices(config.MONITOR_SERVICES);
  if (services.length > 0) {
    probes.push(
      servicesProbe({ redis: deps.redis, queuePrefix: config.QUEUE_PREFIX, services, upstreamChecks: upstream }),
    );
  }
  probes.push(queuesProbe({ bus: deps.bus, queues: QUEUE_NAMES, threshold: config.MONITOR_QUEUE_BACKLOG }));
  return { probes, disabled };
}
