import { redact } from '@autoalex/config';
import { TAUTULLI_TARGET, targetLabel } from '@autoalex/monitoring';
import { createTautulliClient, isTautulliError } from '@autoalex/tautulli';
import type { Probe } from './types.ts';

export interface TautulliProbeOptions {
  url: string;
  apiKey: string;
  timeoutMs: number;
}

/**
 * Tautulli: `get_activity` (no retries). A Tautulli without a connection to Plex still counts as up:
 * that outage is Plex's incident, not a second one.
 */
export function tautulliProbe(options: TautulliProbeOptions): Probe {
  const client = createTautulliClient({
    url: options.url,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    retries: 0,
  });
  const id = TAUTULLI_TARGET;
  return {
    name: 'tautulli',
    targets: [{ id, kind: 'tautulli', label: targetLabel(id) }],
    timeoutStatus: 'down',
    async check() {
      try {
        const activity = await client.activity();
        const detail = activity.connected
          ? `Tautulli answered: ${activity.streamCount} stream${activity.streamCount === 1 ? '' : 's'}`
          : 'Tautulli answered; it has no connection to Plex right now';
        return { [id]: { status: 'up', detail } };
      } catch (err) {
        const detail = isTautulliError(err) ? `${err.kind}: ${err.message}` : `unexpected: ${String(err)}`;
        return { [id]: { status: 'down', detail: redact(detail, [options.apiKey]) } };
      }
    },
  };
}
