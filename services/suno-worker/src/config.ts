import { type ConfigOf, core, database, redis, servicePort, storage, suno } from '@autoalex/config';

export const configShape = { ...core, ...database, ...redis, ...servicePort('suno-worker'), ...storage, ...suno };
export type Config = ConfigOf<typeof configShape>;
