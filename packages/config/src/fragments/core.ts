import { z } from 'zod';

export const core = {
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'], {
      message: 'must be one of fatal, error, warn, info, debug, trace',
    })
    .default('info')
    .describe('log level of every service'),
  DATA_DIR: z.string().default('./data').describe('where the local stack keeps Postgres, Redis, blobs and models'),
  SHUTDOWN_TIMEOUT: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int()
    .min(100, 'must be at least 100')
    .default(8000)
    .describe('milliseconds a service waits for in-flight work on SIGTERM (keep below the Compose stop grace period)'),
};
