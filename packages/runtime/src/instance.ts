import { hostname } from 'node:os';

/**
 * Names this process among the replicas of its service: the host name (a container id under Docker)
 * plus the process id, so several instances on one machine never collide.
 */
export function instanceId(): string {
  const host = hostname().replace(/[^A-Za-z0-9_.-]/g, '_') || 'host';
  return `${host}-${process.pid}`;
}
