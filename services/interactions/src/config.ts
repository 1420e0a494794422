import {
  type ConfigOf,
  database,
  discord,
  listening,
  plex,
  rateLimits,
  remix,
  serviceConfig,
  tautulli,
} from '@autoalex/config';

export const configShape = serviceConfig('interactions', {
  ...database,
  ...discord,
  ...rateLimits,
  // /usage: Tautulli's live activity.
  ...tautulli,
  // /completion and /compare: what counts as a listen; album art for the cards.
  ...listening,
  PLEX_URL: plex.PLEX_URL,
  PLEX_TOKEN: plex.PLEX_TOKEN,
  // /boost and /reduce refuse early what the remix-worker would refuse.
  REMIX_ACTIVE_PER_USER: remix.REMIX_ACTIVE_PER_USER,
  REMIX_DAILY_LIMIT: remix.REMIX_DAILY_LIMIT,
});
export type Config = ConfigOf<typeof configShape>;
