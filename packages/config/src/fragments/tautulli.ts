import { z } from 'zod';
import { secret } from '../define.ts';

export const tautulli = {
  TAUTULLI_URL: z
    .url({ message: 'must be a URL such as http://192.168.1.10:8181' })
    .optional()
    .describe('Tautulli address, e.g. http://192.168.1.10:8181; unset disables listening stats'),
  TAUTULLI_API_KEY: secret(
    z
      .string()
      .min(8, 'does not look like a Tautulli API key')
      .optional()
      .describe('Tautulli API key (Settings → Web Interface → API)'),
  ),
};
