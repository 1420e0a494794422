import { type ConfigOf, core, database, discord, redis, servicePort } from '@autoalex/config';

export const configShape = { ...core, ...database, ...redis, ...servicePort('gateway'), ...discord };
export type Config = ConfigOf<typeof configShape>;
