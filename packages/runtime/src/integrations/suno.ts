import type { ConfigOf, suno } from '@autoalex/config';
import { httpCheck } from '../checks/http.ts';
import { field, joinUrl, jsonOf, UPSTREAM_CHECK_OPTIONS } from '../checks/upstream.ts';
import type { Check, CheckOutcome } from '../health.ts';
import type { Integration } from '../integration.ts';

type SunoConfig = ConfigOf<typeof suno>;

/** The provider's address and key; the generation client comes with the studio capability. */
export interface SunoProvider {
  url: string;
  apiKey: string;
}

export const sunoIntegration: Integration<SunoConfig, 'SUNO_API_URL' | 'SUNO_API_KEY', SunoProvider> = {
  name: 'suno',
  requires: ['SUNO_API_URL', 'SUNO_API_KEY'],
  without: 'song generation is disabled',
  client: (config) => ({ url: config.SUNO_API_URL, apiKey: config.SUNO_API_KEY }),
  check: (provider) => sunoCheck(provider),
  // The credit endpoint is asked at most every five minutes.
  checkOptions: { ...UPSTREAM_CHECK_OPTIONS, cacheMs: 300_000 },
};

/** Suno-compatible provider: `GET /api/v1/generate/credit` checks the key and the credits left. */
export function sunoCheck(options: SunoProvider): Check {
  return httpCheck({
    url: joinUrl(options.url, '/api/v1/generate/credit'),
    headers: { authorization: `Bearer ${options.apiKey}` },
    async judge(response): Promise<CheckOutcome> {
      const body = await jsonOf(response);
      const code = field(body, 'code') ?? response.status;
      if (code === 401 || response.status === 401)
        return { status: 'down', detail: 'the provider rejected SUNO_API_KEY' };
      if (code === 455) return { status: 'degraded', detail: 'the provider is under maintenance' };
      if (!response.ok || code !== 200) return { status: 'down', detail: `the provider answered code ${String(code)}` };
      const credits = field(body, 'data');
      if (typeof credits === 'number' && credits <= 0) return { status: 'degraded', detail: 'no credits left' };
      return { status: 'ok', detail: typeof credits === 'number' ? `${credits} credits left` : 'key accepted' };
    },
  });
}
