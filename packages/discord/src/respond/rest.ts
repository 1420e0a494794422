import { DiscordAPIError, HTTPError, REST } from '@discordjs/rest';

export interface DiscordRestOptions {
  /** Discord REST base, as DISCORD_API_URL (default https://discord.com/api); `/v10` is added. */
  readonly api?: string | undefined;
  /** Bot token, for the channel-message fallback; interaction replies need none. */
  readonly token?: string | undefined;
  /** Per request (default 15 000 ms). */
  readonly timeoutMs?: number | undefined;
  /** Extra attempts after a 5xx or network error (default 0: see below; the gateway's own calls may retry). */
  readonly retries?: number | undefined;
}

/**
 * DISCORD_API_URL without a trailing slash or API version (`https://discord.com/api/v10/` →
 * `https://discord.com/api`): the REST client and the health check add `/v10` to this one base.
 */
export function discordApiBase(apiUrl = 'https://discord.com/api'): string {
  return apiUrl.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/**
 * One `@discordjs/rest` client per process: it keeps Discord's rate-limit buckets, which every
 * request of one bot token shares. No automatic retries on 5xx: an interaction callback or a
 * follow-up sent twice would show twice (or fail with 40060); 429s are still waited out.
 */
export function createDiscordRest(options: DiscordRestOptions = {}): REST {
  const rest = new REST({
    api: discordApiBase(options.api),
    version: '10',
    retries: options.retries ?? 0,
    timeout: options.timeoutMs ?? 15_000,
    userAgentAppendix: 'autoalex',
  });
  if (options.token) rest.setToken(options.token);
  return rest;
}

/** A failed Discord request, described without the URL (interaction tokens travel in it). */
export class DiscordRequestError extends Error {
  override readonly name = 'DiscordRequestError';
  /** HTTP status; undefined when Discord was not reached. */
  readonly status: number | undefined;
  /** Discord's JSON error code (10062 Unknown interaction, 50027 Invalid Webhook Token…). */
  readonly code: number | undefined;

  constructor(message: string, status: number | undefined, code: number | undefined) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Turns whatever a REST call threw into a DiscordRequestError naming `what`, with `secret` masked. */
export function toRequestError(err: unknown, what: string, secret: string): DiscordRequestError {
  const mask = (text: string) => (secret ? text.replaceAll(secret, '<token>') : text);
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : undefined;
    const said = mask(err.message.split('\n')[0] ?? 'error');
    return new DiscordRequestError(
      `${what}: Discord answered ${err.status}${code === undefined ? '' : ` (code ${code})`}: ${said}`,
      err.status,
      code,
    );
  }
  if (err instanceof HTTPError) {
    return new DiscordRequestError(`${what}: Discord answered ${err.status} ${err.message}`, err.status, undefined);
  }
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new DiscordRequestError(`${what}: ${mask(detail)}`, undefined, undefined);
}
