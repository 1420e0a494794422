import { z } from 'zod';
import { seconds, secret } from '../define.ts';

export const plex = {
  PLEX_URL: z
    .url({ message: 'must be a URL such as http://192.168.1.10:32400' })
    .optional()
    .describe('Plex Media Server address, e.g. http://192.168.1.10:32400; unset disables Plex features'),
  PLEX_TOKEN: secret(
    z
      .string()
      .min(8, 'does not look like a Plex token')
      .optional()
      .describe('X-Plex-Token of the server owner (Plex Web → any item → Get Info → View XML)'),
  ),
  PLEX_POLL_INTERVAL: seconds(30, 'seconds between Plex health polls', 5),
  PLEX_CONTAINER_NAME: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a Docker container name')
    .default('binhex-plexpass')
    .describe('Docker container running Plex, whose logs the monitor reads on an incident'),
};
