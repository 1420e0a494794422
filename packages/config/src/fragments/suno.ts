import { z } from 'zod';
import { secret } from '../define.ts';

export const suno = {
  SUNO_API_URL: z
    .url({ message: 'must be a URL such as https://provider.example' })
    .optional()
    .describe('base URL of a Suno-compatible generation provider; unset disables song generation'),
  SUNO_API_KEY: secret(
    z.string().min(8, 'does not look like an API key').optional().describe('provider API key (Bearer)'),
  ),
};
