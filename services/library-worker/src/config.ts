import { type ConfigOf, core, database, library, plex, redis, servicePort, tautulli } from '@autoalex/config';

export const configShape = {
  ...core,
  ...database,
  ...redis,
  ...servicePort('library-worker'),
  ...plex,
  ...tautulli,
  ...library,
};
export type Config = ConfigOf<typeof configShape>;
