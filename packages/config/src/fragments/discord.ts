import { z } from 'zod';
import { secret, snowflake } from '../define.ts';

export const discord = {
  DISCORD_TOKEN: secret(
    z
      .string()
      .min(50, 'does not look like a bot token')
      .optional()
      .describe('bot token; unset starts the suite without Discord'),
  ),
  DISCORD_APPLICATION_ID: snowflake('application id, for registering commands and OAuth2').optional(),
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters')
    .optional()
    .describe('application public key, for the HTTP interactions endpoint'),
  DISCORD_API_URL: z
    .url({ message: 'must be a URL' })
    .default('https://discord.com/api')
    .describe('Discord REST base URL'),
  DISCORD_DEV_GUILD_ID: snowflake('guild that gets commands instantly during development').optional(),
  DISCORD_ALERT_CHANNEL_ID: snowflake('channel for monitor alerts').optional(),
};
