import type { Check, CheckOutcome } from '../health.ts';
import { httpCheck } from './http.ts';

// Reachability probes of the external services, for /healthz. They belong with each service's
// client package once those land; until then they live here so every service reports the same way.

/** Probes that call rate-limited upstreams reuse their answer this long. */
export const UPSTREAM_CHECK_OPTIONS = { cacheMs: 60_000, timeoutMs: 5000 } as const;

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

async function json(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Discord: `GET /users/@me` with the bot token proves the token works. */
export function discordCheck(options: { apiUrl: string; token: string }): Check {
  return httpCheck({
    url: join(options.apiUrl, '/v10/users/@me'),
    headers: { authorization: `Bot ${options.token}` },
    async judge(response): Promise<CheckOutcome> {
      if (response.status === 401) return { status: 'down', detail: 'Discord rejected DISCORD_TOKEN (HTTP 401)' };
      if (response.status === 429) return { status: 'degraded', detail: 'rate limited by Discord (HTTP 429)' };
      if (!response.ok) return { status: 'down', detail: `Discord answered HTTP ${response.status}` };
      const name = field(await json(response), 'username');
      return { status: 'ok', detail: typeof name === 'string' ? `signed in as ${name}` : 'token accepted' };
    },
  });
}

/** Plex Media Server: `GET /identity` (needs no token) says it is up and which version runs. */
export function plexCheck(options: { url: string; token?: string }): Check {
  return httpCheck({
    url: join(options.url, '/identity'),
    headers: { accept: 'application/json', ...(options.token ? { 'x-plex-token': options.token } : {}) },
    async judge(response): Promise<CheckOutcome> {
      if (!response.ok) return { status: 'down', detail: `Plex answered HTTP ${response.status}` };
      const version = field(await json(response), 'MediaContainer', 'version');
      return { status: 'ok', detail: typeof version === 'string' ? `Plex ${version}` : 'Plex answered' };
    },
  });
}

/** Tautulli API v2: `cmd=arnold` is the cheapest call that checks the API key. */
export function tautulliCheck(options: { url: string; apiKey: string }): Check {
  const url = new URL(join(options.url, '/api/v2'));
  url.searchParams.set('apikey', options.apiKey);
  url.searchParams.set('cmd', 'arnold');
  return httpCheck({
    url,
    async judge(response): Promise<CheckOutcome> {
      const body = await json(response);
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

/** Suno-compatible provider: `GET /api/v1/generate/credit` checks the key and the credits left. */
export function sunoCheck(options: { url: string; apiKey: string }): Check {
  return httpCheck({
    url: join(options.url, '/api/v1/generate/credit'),
    headers: { authorization: `Bearer ${options.apiKey}` },
    async judge(response): Promise<CheckOutcome> {
      const body = await json(response);
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
