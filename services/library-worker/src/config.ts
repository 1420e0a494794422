import { type ConfigOf, database, library, plex, serviceConfig, tautulli } from '@autoalex/config';

export const configShape = serviceConfig('library-worker', { ...database, ...plex, ...tautulli, ...library });
export type Config = ConfigOf<typeof configShape>;
