import { type ConfigOf, core, database, discord, redis, servicePort, storage, web } from '@autoalex/config';

export const configShape = {
  ...core,
  ...database,
  ...redis,
  ...servicePort('web'),
  ...discord,
  ...storage,
  ...web,
};
export type Config = ConfigOf<typeof configShape>;
