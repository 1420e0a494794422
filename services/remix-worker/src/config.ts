import {
  type ConfigOf,
  core,
  database,
  discord,
  links,
  plex,
  redis,
  remix,
  servicePort,
  storage,
} from '@autoalex/config';

export const configShape = {
  ...core,
  ...database,
  ...redis,
  ...servicePort('remix-worker'),
  ...storage,
  ...links,
  ...plex,
  ...discord,
  ...remix,
};
export type Config = ConfigOf<typeof configShape>;
