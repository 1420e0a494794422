import { type ConfigOf, database, discord, docker, monitor, plex, serviceConfig, tautulli } from '@autoalex/config';

// docker: the container diagnostics attached to Plex alerts.
export const configShape = serviceConfig('monitor', {
  ...database,
  ...discord,
  ...plex,
  ...tautulli,
  ...docker,
  ...monitor,
});
export type Config = ConfigOf<typeof configShape>;
