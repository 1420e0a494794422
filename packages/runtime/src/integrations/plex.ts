import type { ConfigOf, plex } from '@autoalex/config';
import { createPlexClient, type PlexClient, type PlexClientOptions } from '@autoalex/plex';
import { httpCheck } from '../checks/http.ts';
import { field, joinUrl, jsonOf, UPSTREAM_CHECK_OPTIONS } from '../checks/upstream.ts';
import type { Check, CheckOutcome } from '../health.ts';
import type { Integration } from '../integration.ts';

type PlexConfig = Pick<ConfigOf<typeof plex>, 'PLEX_URL' | 'PLEX_TOKEN'>;

/** Per service: how long a user may wait for Plex (defaults: 15 s, 3 retries). */
export type PlexUse = Pick<PlexClientOptions, 'timeoutMs' | 'retries'>;

export const plexIntegration: Integration<PlexConfig, 'PLEX_URL' | 'PLEX_TOKEN', PlexClient, PlexUse | undefined> = {
  name: 'plex',
  requires: ['PLEX_URL', 'PLEX_TOKEN'],
  without: 'Plex features are disabled',
  client: (config, options) => createPlexClient({ url: config.PLEX_URL, token: config.PLEX_TOKEN, ...options }),
  check: (_plex, config) => plexCheck({ url: config.PLEX_URL, token: config.PLEX_TOKEN }),
  checkOptions: UPSTREAM_CHECK_OPTIONS,
};

/** Plex Media Server: `GET /identity` (needs no token) says it is up and which version runs. */
export function plexCheck(options: { url: string; token?: string }): Check {
  return httpCheck({
    url: joinUrl(options.url, '/identity'),
    headers: { accept: 'application/json', ...(options.token ? { 'x-plex-token': options.token } : {}) },
    async judge(response): Promise<CheckOutcome> {
      if (!response.ok) return { status: 'down', detail: `Plex answered HTTP ${response.status}` };
      const version = field(await jsonOf(response), 'MediaContainer', 'version');
      return { status: 'ok', detail: typeof version === 'string' ? `Plex ${version}` : 'Plex answered' };
    },
  });
}
