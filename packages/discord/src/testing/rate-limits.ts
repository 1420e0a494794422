import type { RouteResult } from './route-types.ts';
import type { FakeDiscordState } from './state.ts';

/**
 * Rate limits a test arms: the next matching requests get Discord's 429 (body `retry_after`,
 * `global`; headers `Retry-After`, `X-RateLimit-*`). `Retry-After` carries the exact seconds, which
 * may be fractional so tests stay fast; Discord rounds it up to whole seconds.
 */

/**
 * `'POST /channels/{channel_id}/messages'` (method optional) matches the spec template or a concrete
 * path; a RegExp is tested against `'METHOD /path'` (path without `/api/v10`).
 */
export function routeMatcher(route: string | RegExp): (method: string, template: string, path: string) => boolean {
  if (route instanceof RegExp) return (method, _template, path) => route.test(`${method} ${path}`);
  const [first, second] = route.trim().split(/\s+/);
  const wantMethod = second === undefined ? undefined : first?.toUpperCase();
  const wantPath = (second ?? first ?? '').replace(/^\/api\/v10/, '');
  return (method, template, path) =>
    (wantMethod === undefined || wantMethod === method) && (wantPath === template || wantPath === path);
}

export function takeRateLimit(
  state: FakeDiscordState,
  method: string,
  template: string,
  apiPath: string,
): RouteResult | undefined {
  const armed = state.rateLimits.find((r) => r.remaining > 0 && r.matches(method, template, apiPath));
  if (!armed) return undefined;
  armed.remaining -= 1;
  const seconds = armed.retryAfter;
  const headers: Record<string, string> = {
    'retry-after': String(seconds),
    'x-ratelimit-scope': armed.scope,
  };
  if (armed.global) {
    headers['x-ratelimit-global'] = 'true';
  } else {
    headers['x-ratelimit-limit'] = '5';
    headers['x-ratelimit-remaining'] = '0';
    headers['x-ratelimit-reset'] = ((state.now() + seconds * 1000) / 1000).toFixed(3);
    headers['x-ratelimit-reset-after'] = seconds.toFixed(3);
    headers['x-ratelimit-bucket'] = bucketHash(template);
  }
  return {
    status: 429,
    headers,
    body: armed.global
      ? { message: 'You are being rate limited.', retry_after: seconds, global: true, code: 0 }
      : { message: 'You are being rate limited.', retry_after: seconds, global: false },
  };
}

/** Discord's bucket ids are opaque hex strings; derive a stable one per route template. */
export function bucketHash(template: string): string {
  let h = 0x811c9dc5;
  for (const ch of template) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(4);
}
