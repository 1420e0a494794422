import { type ConfigOf, core, database, discord, gateway, interactions, redis, servicePort } from '@autoalex/config';

export const configShape = {
  ...core,
  ...database,
  ...redis,
  ...servicePort('gateway'),
  ...discord,
  ...gateway,
  ...interactions,
};
export type Config = ConfigOf<typeof configShape>;
