import { z } from 'zod';
import { secret } from '../define.ts';

export const web = {
  SESSION_SECRET: secret(
    z
      .string()
      .min(32, 'must be at least 32 characters (openssl rand -hex 32)')
      .optional()
      .describe('signs dashboard session cookies; unset disables Discord login'),
  ),
  ENCRYPTION_KEY: secret(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (openssl rand -hex 32)')
      .optional()
      .describe('encrypts stored user tokens (AES-256-GCM key, 64 hex characters); unset disables Discord login'),
  ),
  DISCORD_CLIENT_SECRET: secret(
    z
      .string()
      .min(16, 'does not look like an OAuth2 client secret')
      .optional()
      .describe('OAuth2 client secret of the Discord application, for dashboard login'),
  ),
};
