import { optionalKey, optionalUrl } from '../define.ts';

export const tautulli = {
  TAUTULLI_URL: optionalUrl(
    'http://192.168.1.10:8181',
    'Tautulli address, e.g. http://192.168.1.10:8181; unset disables listening stats',
  ),
  TAUTULLI_API_KEY: optionalKey('a Tautulli API key', 'Tautulli API key (Settings → Web Interface → API)'),
};
