import {
  type ConfigOf,
  core,
  database,
  discord,
  interactions,
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
  ...web,
  ...interactions,
};
export type Config = ConfigOf<typeof configShape>;
