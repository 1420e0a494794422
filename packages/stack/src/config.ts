import { join, resolve } from 'node:path';
import { type ConfigOf, core, database, type Env, loadConfig, redis, servicePort } from '@autoalex/config';
import { readEnvFile } from './env-file.ts';

/** What `npm start` itself needs; Postgres and Redis are optional because the stack can run its own. */
export const stackShape = {
  ...core,
  DATABASE_URL: database.DATABASE_URL.optional(),
  REDIS_URL: redis.REDIS_URL.optional(),
  ...servicePort('web'),
};

export type StackConfig = ConfigOf<typeof stackShape>;

export interface StackEnvironment {
  config: StackConfig;
  /** The environment the services inherit: the `.env` file overlaid by the real environment. */
  env: Env;
  /** DATA_DIR resolved against the repository root. */
  dataDir: string;
  /** Problems in the `.env` file (never values); the stack warns and goes on. */
  envFileProblems: string[];
}

/**
 * The only place the stack reads the process environment. Throws the ConfigError of
 * `@autoalex/config` (every problem at once) when a variable is malformed.
 */
export function readStackEnvironment(root: string, processEnv: Env = process.env): StackEnvironment {
  const envFile = readEnvFile(join(root, '.env'));
  const env: Env = { ...envFile.values };
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) env[key] = value;
  const config = loadConfig(stackShape, env);
  return {
    config,
    env,
    dataDir: resolve(root, config.DATA_DIR),
    envFileProblems: envFile.problems.map((p) => `.env ${p}`),
  };
}
