import type { ConfigOf, tautulli } from '@autoalex/config';
import { createTautulliClient, type TautulliClient, type TautulliClientOptions } from '@autoalex/tautulli';
import { httpCheck } from '../checks/http.ts';
import { field, joinUrl, jsonOf, UPSTREAM_CHECK_OPTIONS } from '../checks/upstream.ts';
import type { Check, CheckOutcome } from '../health.ts';
import type { Integration } from '../integration.ts';

type TautulliConfig = ConfigOf<typeof tautulli>;

/** Per service: how long a user may wait for Tautulli (defaults: 15 s, 2 retries). */
export type TautulliUse = Pick<TautulliClientOptions, 'timeoutMs' | 'retries'>;

export const tautulliIntegration: Integration<
  TautulliConfig,
  'TAUTULLI_URL' | 'TAUTULLI_API_KEY',
  TautulliClient,
  TautulliUse | undefined
> = {
  name: 'tautulli',
  requires: ['TAUTULLI_URL', 'TAUTULLI_API_KEY'],
  without: 'listening stats are disabled',
  client: (config, options) =>
    createTautulliClient({ url: config.TAUTULLI_URL, apiKey: config.TAUTULLI_API_KEY, ...options }),
  check: (_tautulli, config) => tautulliCheck({ url: config.TAUTULLI_URL, apiKey: config.TAUTULLI_API_KEY }),
  checkOptions: UPSTREAM_CHECK_OPTIONS,
};

/** Tautulli API v2: `cmd=arnold` is the cheapest call that checks the API key. */
export function tautulliCheck(options: { url: string; apiKey: string }): Check {
  const url = new URL(joinUrl(options.url, '/api/v2'));
  url.searchParams.set('apikey', options.apiKey);
  url.searchParams.set('cmd', 'arnold');
  return httpCheck({
    url,
    async judge(response): Promise<CheckOutcome> {
      const body = await jsonOf(response);
      const result = field(body, 'response', 'result');
      if (response.ok && result === 'success') return { status: 'ok', detail: 'API key accepted' };
      if (result === 'error') {
        const message = field(body, 'response', 'message');
        return {
          status: 'down',
          detail: `Tautulli refused the call: ${typeof message === 'string' ? message.slice(0, 200) : `HTTP ${response.status}`}`,
        };
      }
      return { status: 'down', detail: `Tautulli answered HTTP ${response.status}` };
    },
  });
}
