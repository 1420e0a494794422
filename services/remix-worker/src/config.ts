import { type ConfigOf, core, database, discord, plex, redis, remix, servicePort, storage } from '@autoalex/config';

export const configShape = {
  ...core,
  ...database,
  ...redis,
  ...servicePort('remix-worker'),
  ...storage,
  ...plex,
  ...discord,
  ...remix,
};
export type Config = ConfigOf<typeof configShape>;
