import { z } from 'zod';
import { integer } from '../define.ts';

export const core = {
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'], {
      message: 'must be one of fatal, error, warn, info, debug, trace',
    })
    .default('info')
    .describe('log level of every service'),
  DATA_DIR: z.string().default('./data').describe('where the local stack keeps Postgres, Redis, blobs and models'),
  SHUTDOWN_TIMEOUT: integer({ min: 100, notNumber: 'must be a number of milliseconds' })
    .default(8000)
    .describe('milliseconds a service waits for in-flight work on SIGTERM (keep below the Compose stop grace period)'),
};
