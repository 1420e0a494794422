import { type ConfigOf, core, database, plex, redis, servicePort, tautulli } from '@autoalex/config';

export const configShape = { ...core, ...database, ...redis, ...servicePort('library-worker'), ...plex, ...tautulli };
export type Config = ConfigOf<typeof configShape>;
