import {
  type ConfigOf,
  core,
  database,
  discord,
  docker,
  monitor,
  plex,
  redis,
  servicePort,
  tautulli,
} from '@autoalex/config';

export const configShape = {
  ...core,
  ...database,
  ...redis,
  ...servicePort('monitor'),
  ...discord,
  ...plex,
  ...tautulli,
  ...docker,
  ...monitor,
};
export type Config = ConfigOf<typeof configShape>;
