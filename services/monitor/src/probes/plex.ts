import { redact } from '@autoalex/config';
import { PLEX_TARGET, targetLabel } from '@autoalex/monitoring';
import { createPlexClient, isPlexError } from '@autoalex/plex';
import type { Probe } from './types.ts';

export interface PlexProbeOptions {
  url: string;
  /** Not sent: GET /identity needs no token. */
  token: string | undefined;
  timeoutMs: number;
  container: string;
}

/** Plex: `GET /identity` (no token, no retries) within the check deadline. */
export function plexProbe(options: PlexProbeOptions): Probe {
  // identity() is anonymous; the client only insists that some token is configured.
  const client = createPlexClient({
    url: options.url,
    token: options.token || 'identity-probe-only',
    timeoutMs: options.timeoutMs,
    retries: 0,
  });
  const target = {
    id: PLEX_TARGET,
    kind: 'plex' as const,
    label: targetLabel(PLEX_TARGET),
    container: options.container,
  };
  return {
    name: 'plex',
    targets: [target],
    timeoutStatus: 'down',
    async check() {
      try {
        const identity = await client.identity();
        return { [target.id]: { status: 'up', detail: `Plex ${identity.version} answered /identity` } };
      } catch (err) {
        const detail = isPlexError(err) ? `${err.kind}: ${err.message}` : `unexpected: ${String(err)}`;
        return { [target.id]: { status: 'down', detail: redact(detail, options.token ? [options.token] : []) } };
      }
    },
  };
}
