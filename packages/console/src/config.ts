import { join, resolve } from 'node:path';
import { type ConfigOf, core, discord, type Env, loadConfig, redis } from '@autoalex/config';
import { readEnvFile, readStackState } from '@autoalex/stack';

/** What the console reads: Redis (or the running `npm start`), the prefix, and Discord for deploys. */
export const consoleShape = {
  ...core,
  REDIS_URL: redis.REDIS_URL.optional(),
  QUEUE_PREFIX: redis.QUEUE_PREFIX,
  ...discord,
};
export type ConsoleConfig = ConfigOf<typeof consoleShape>;

export interface ConsoleEnvironment {
  config: ConsoleConfig;
  dataDir: string;
}

/**
 * The `.env` file next to the repository root, overlaid by the real environment (as `npm start`
 * reads it). Throws ConfigError listing every problem.
 */
export function readConsoleEnvironment(root: string, processEnv: Env): ConsoleEnvironment {
  const env: Env = { ...readEnvFile(join(root, '.env')).values };
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) env[key] = value;
  const config = loadConfig(consoleShape, env);
  return { config, dataDir: resolve(root, config.DATA_DIR) };
}

/** REDIS_URL, or the Redis of the `npm start` running on DATA_DIR (data/stack.json). */
export function findRedis(environment: ConsoleEnvironment): string | undefined {
  return environment.config.REDIS_URL ?? readStackState(environment.dataDir)?.redisUrl;
}
