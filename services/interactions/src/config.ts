import { type ConfigOf, core, database, discord, rateLimits, redis, servicePort } from '@autoalex/config';

export const configShape = {
  ...core,
  ...database,
  ...redis,
  ...servicePort('interactions'),
  ...discord,
  ...rateLimits,
};
export type Config = ConfigOf<typeof configShape>;
