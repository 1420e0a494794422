import {
  type ConfigOf,
  core,
  database,
  discord,
  interactions,
  links,
  redis,
  servicePort,
  storage,
  web,
} from '@autoalex/config';

export const configShape = {
  ...core,
  ...database,
  ...redis,
  ...servicePort('web'),
  ...discord,
  ...storage,
  ...links,
  ...web,
  ...interactions,
};
export type Config = ConfigOf<typeof configShape>;
