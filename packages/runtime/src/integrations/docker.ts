import { existsSync } from 'node:fs';
import type { ConfigOf, docker } from '@autoalex/config';
import { createDockerClient, type DockerClient } from '@autoalex/docker';
import type { Check } from '../health.ts';
import type { Integration } from '../integration.ts';

type DockerConfig = ConfigOf<typeof docker>;

/**
 * The Docker Engine API (the monitor's container diagnostics). DOCKER_HOST always has a value, so
 * it is never off by configuration; whether the socket is there is the check's business.
 */
export const dockerIntegration: Integration<DockerConfig, never, DockerClient> = {
  name: 'docker',
  requires: [],
  without: 'container log diagnostics are disabled',
  client: (config) => createDockerClient(config.DOCKER_HOST),
  check: (client) => dockerCheck(client),
  checkOptions: { timeoutMs: 5000 },
};

/**
 * Looks for the socket on every run, so one mounted after start-up turns the check `ok` (diagnostics
 * already use it). No socket is `disabled`; unreachable is `degraded`, never `down`: Docker is only
 * needed for the diagnostics attached to alerts.
 */
export function dockerCheck(client: Pick<DockerClient, 'target' | 'dockerHost' | 'docker'>): Check {
  return async () => {
    const { target } = client;
    if (target.kind === 'unix' && !existsSync(target.socketPath)) {
      return {
        status: 'disabled',
        detail: `no Docker socket at ${target.socketPath}: container log diagnostics are disabled; mount the socket (read-only) or set DOCKER_HOST to a socket proxy`,
      };
    }
    try {
      await client.docker.ping();
      return { status: 'ok', detail: `Docker Engine at ${client.dockerHost} answered /_ping` };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return {
        status: 'degraded',
        detail: `Docker at ${client.dockerHost} is unreachable${code ? ` (${code})` : ''}: alerts will say so instead of showing container logs`,
      };
    }
  };
}
