import type { ConfigOf, discord } from '@autoalex/config';
import { createDiscordRest, type DiscordRest, discordApiBase } from '@autoalex/discord';
import { httpCheck } from '../checks/http.ts';
import { field, jsonOf, UPSTREAM_CHECK_OPTIONS } from '../checks/upstream.ts';
import type { Check, CheckOutcome } from '../health.ts';
import type { Integration } from '../integration.ts';

type DiscordConfig = Pick<ConfigOf<typeof discord>, 'DISCORD_API_URL' | 'DISCORD_TOKEN'>;

export interface DiscordClientOptions {
  /** Per request (default 15 000 ms). */
  timeoutMs?: number;
  /** Extra attempts after a 5xx (default 0: an interaction reply sent twice shows twice). */
  retries?: number;
}

/**
 * The bot's Discord REST client. Without DISCORD_TOKEN a service still gets one: interaction
 * replies authenticate with the interaction's own token.
 */
export const discordIntegration: Integration<
  DiscordConfig,
  'DISCORD_TOKEN',
  DiscordRest,
  DiscordClientOptions | undefined,
  DiscordRest
> = {
  name: 'discord',
  requires: ['DISCORD_TOKEN'],
  without: 'Discord is disabled',
  client: (config, options) => discordRest(config, options),
  check: (_rest, config) => discordCheck({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN }),
  checkOptions: UPSTREAM_CHECK_OPTIONS,
  off: (config, options) => discordRest(config, options),
};

function discordRest(config: DiscordConfig, options: DiscordClientOptions = {}): DiscordRest {
  return createDiscordRest({ api: config.DISCORD_API_URL, token: config.DISCORD_TOKEN, ...options });
}

/**
 * `GET /users/@me` with the bot token proves the token works. The base is normalised as the REST
 * client's is, so a DISCORD_API_URL ending in `/v10` is not asked for `/v10/v10/…`.
 */
export function discordCheck(options: { apiUrl: string; token: string }): Check {
  return httpCheck({
    url: `${discordApiBase(options.apiUrl)}/v10/users/@me`,
    headers: { authorization: `Bot ${options.token}` },
    async judge(response): Promise<CheckOutcome> {
      if (response.status === 401) return { status: 'down', detail: 'Discord rejected DISCORD_TOKEN (HTTP 401)' };
      if (response.status === 429) return { status: 'degraded', detail: 'rate limited by Discord (HTTP 429)' };
      if (!response.ok) return { status: 'down', detail: `Discord answered HTTP ${response.status}` };
      const name = field(await jsonOf(response), 'username');
      return { status: 'ok', detail: typeof name === 'string' ? `signed in as ${name}` : 'token accepted' };
    },
  });
}
