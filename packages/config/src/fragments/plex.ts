import { z } from 'zod';
import { optionalKey, optionalUrl, seconds } from '../define.ts';

export const plex = {
  PLEX_URL: optionalUrl(
    'http://192.168.1.10:32400',
    'Plex Media Server address, e.g. http://192.168.1.10:32400; unset disables Plex features',
  ),
  PLEX_TOKEN: optionalKey(
    'a Plex token',
    'X-Plex-Token of the server owner (Plex Web → any item → Get Info → View XML)',
  ),
  PLEX_POLL_INTERVAL: seconds(30, 'seconds between Plex health polls', 5),
  PLEX_CONTAINER_NAME: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a Docker container name')
    .default('binhex-plexpass')
    .describe('Docker container running Plex, whose logs the monitor reads on an incident'),
};
