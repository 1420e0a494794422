import type { ConfigOf, discord } from '@autoalex/config';
import type { DiscordRest } from '@autoalex/discord';
import { type Integration, listed, UPSTREAM_CHECK_OPTIONS } from '@autoalex/runtime';
import { discordCheck } from '@autoalex/runtime/integrations/discord';
import { alertsCheck } from '../health-checks.ts';
import { type AlertSink, disabledAlerts, discordAlerts } from './sink.ts';

type AlertsConfig = Pick<ConfigOf<typeof discord>, 'DISCORD_API_URL' | 'DISCORD_TOKEN' | 'DISCORD_ALERT_CHANNEL_ID'>;
type Required = 'DISCORD_TOKEN' | 'DISCORD_ALERT_CHANNEL_ID';

const REQUIRES: readonly Required[] = ['DISCORD_TOKEN', 'DISCORD_ALERT_CHANNEL_ID'];

/**
 * Alerts in a Discord channel through the bot (ADR 0151). Off, the monitor still gets a sink: it
 * refuses every post, and incidents are recorded and logged all the same.
 */
export const alertsIntegration: Integration<AlertsConfig, Required, AlertSink, { rest: DiscordRest }, AlertSink> = {
  name: 'alerts',
  requires: REQUIRES,
  without: 'incidents are still recorded and logged',
  client: (config, { rest }) =>
    discordAlerts({ rest, channelId: config.DISCORD_ALERT_CHANNEL_ID, token: config.DISCORD_TOKEN }),
  check: (alerts, config) =>
    alertsCheck(alerts, discordCheck({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN })),
  checkOptions: UPSTREAM_CHECK_OPTIONS,
  disabledSentence: ([first], said) =>
    `alerts are disabled: ${first} is not set; ${said.without} (set ${first === REQUIRES[0] ? listed(REQUIRES) : 'it'} in .env)`,
  off: (_config, _options, detail) => disabledAlerts(detail),
};
