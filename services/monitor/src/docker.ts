import { existsSync } from 'node:fs';
import type { Check } from '@autoalex/runtime';
import Docker from 'dockerode';

export type DockerTarget = { kind: 'socket'; socketPath: string } | { kind: 'tcp'; url: URL };

/** Reads DOCKER_HOST: `unix:///path` or `tcp://host:port` (a socket proxy). */
export function dockerTarget(dockerHost: string): DockerTarget {
  if (dockerHost.startsWith('unix://')) return { kind: 'socket', socketPath: dockerHost.slice('unix://'.length) };
  return { kind: 'tcp', url: new URL(dockerHost.replace(/^tcp:/, 'http:')) };
}

/** Whether the target can exist here: a unix socket that is absent means Docker is not mounted. */
export function dockerAvailable(target: DockerTarget): boolean {
  return target.kind === 'tcp' || existsSync(target.socketPath);
}

export function createDockerClient(target: DockerTarget): Docker {
  if (target.kind === 'socket') return new Docker({ socketPath: target.socketPath });
  const protocol = target.url.protocol === 'https:' ? 'https' : 'http';
  return new Docker({ protocol, host: target.url.hostname, port: Number(target.url.port || 2375) });
}

/** `GET /_ping` on the Docker Engine API. */
export function dockerCheck(docker: Docker): Check {
  return async () => {
    await docker.ping();
    return { status: 'ok', detail: 'Docker Engine answered /_ping' };
  };
}
