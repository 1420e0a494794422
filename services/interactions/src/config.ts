import { type ConfigOf, core, database, discord, redis, servicePort } from '@autoalex/config';

export const configShape = { ...core, ...database, ...redis, ...servicePort('interactions'), ...discord };
export type Config = ConfigOf<typeof configShape>;
