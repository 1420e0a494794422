import { type ConfigOf, core, database, redis, servicePort, storage } from '@autoalex/config';

export const configShape = { ...core, ...database, ...redis, ...servicePort('player'), ...storage };
export type Config = ConfigOf<typeof configShape>;
