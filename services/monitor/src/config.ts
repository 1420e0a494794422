import { type ConfigOf, core, database, discord, docker, plex, redis, servicePort } from '@autoalex/config';

export const configShape = {
  ...core,
  ...database,
  ...redis,
  ...servicePort('monitor'),
  ...discord,
  ...plex,
  ...docker,
};
export type Config = ConfigOf<typeof configShape>;
