import { type ConfigOf, database, discord, links, plex, remix, serviceConfig, storage } from '@autoalex/config';

// Stems and remixes in storage (links: signed downloads of those too large for Discord), tracks from
// Plex, deliveries past the interaction token through the bot.
export const configShape = serviceConfig('remix-worker', {
  ...database,
  ...storage,
  ...links,
  ...plex,
  ...discord,
  ...remix,
});
export type Config = ConfigOf<typeof configShape>;
