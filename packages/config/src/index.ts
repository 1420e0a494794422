export {
  descriptionOf,
  type EnvMeta,
  type EnvShape,
  envMeta,
  flag,
  port,
  positiveInt,
  seconds,
  secret,
  snowflake,
  url,
} from './define.ts';
export { core } from './fragments/core.ts';
export { database } from './fragments/database.ts';
export { discord } from './fragments/discord.ts';
export { docker } from './fragments/docker.ts';
export { gateway } from './fragments/gateway.ts';
export { interactions } from './fragments/interactions.ts';
export { library, listening } from './fragments/library.ts';
export { links } from './fragments/links.ts';
export { monitor } from './fragments/monitor.ts';
export { plex } from './fragments/plex.ts';
export { portVariable, SERVICE_NAMES, SERVICE_PORTS, type ServiceName, servicePort } from './fragments/ports.ts';
export { rateLimits } from './fragments/rate-limits.ts';
export { redis } from './fragments/redis.ts';
export { remix } from './fragments/remix.ts';
export { storage } from './fragments/storage.ts';
export { suno } from './fragments/suno.ts';
export { tautulli } from './fragments/tautulli.ts';
export { web } from './fragments/web.ts';
export { ConfigError, type ConfigOf, type Env, loadConfig } from './load.ts';
export { redact } from './redact.ts';
export { serviceConfig } from './service-config.ts';
