import { optionalKey, optionalUrl } from '../define.ts';

export const suno = {
  SUNO_API_URL: optionalUrl(
    'https://provider.example',
    'base URL of a Suno-compatible generation provider; unset disables song generation',
  ),
  SUNO_API_KEY: optionalKey('an API key', 'provider API key (Bearer)'),
};
