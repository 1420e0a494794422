import { serviceTarget, targetLabel } from '@autoalex/monitoring';
import { NO_HEARTBEAT, type Redis, readSuiteHealth, type ServiceHealth } from '@autoalex/runtime';
import type { CheckResult, Probe } from './types.ts';

export interface ServicesProbeOptions {
  redis: Redis;
  queuePrefix: string;
  services: readonly string[];
  /**
   * Checks that are targets of their own (plex, tautulli): a service that is down only because of
   * them counts as up here, so one Plex outage is one incident, not one per service that uses Plex.
   */
  upstreamChecks: readonly string[];
}

/** The suite's own services, from their heartbeats (each is its /healthz report, ADR 0051). */
export function servicesProbe(options: ServicesProbeOptions): Probe {
  const upstream = new Set(options.upstreamChecks);
  return {
    name: 'services',
    targets: options.services.map((name) => {
      const id = serviceTarget(name);
      return { id, kind: 'service' as const, label: targetLabel(id) };
    }),
    timeoutStatus: 'unknown',
    async check() {
      const read = await readSuiteHealth(options.redis, options.queuePrefix, { expected: options.services });
      const results: Record<string, CheckResult> = {};
      for (const name of options.services) {
        const id = serviceTarget(name);
        const health = read.health.services[name];
        if (!read.ok || !health) {
          results[id] = { status: 'unknown', detail: health?.detail ?? 'cannot read heartbeats from Redis' };
        } else {
          results[id] = judgeService(health, upstream);
        }
      }
      return results;
    },
  };
}

export function judgeService(health: ServiceHealth, upstream: ReadonlySet<string>): CheckResult {
  if (health.instances === 0) return { status: 'down', detail: health.detail ?? NO_HEARTBEAT };
  const replicas = `${health.instances} replica${health.instances === 1 ? '' : 's'}`;
  const failing = Object.entries(health.checks).filter(
    ([name, check]) => check.status === 'down' && !upstream.has(name),
  );
  if (health.status === 'down' && failing.length > 0) {
    const why = failing.map(([name, check]) => `${name} (${check.detail})`).join('; ');
    return { status: 'down', detail: `${replicas}, failing: ${why}` };
  }
  const problems = Object.entries(health.checks)
    .filter(([, check]) => check.status === 'down' || check.status === 'degraded')
    .map(([name]) => name);
  return {
    status: 'up',
    detail:
      problems.length > 0
        ? `${health.status}, ${replicas}; ${problems.join(', ')} reported problems`
        : `${health.status}, ${replicas}`,
  };
}
