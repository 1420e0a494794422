import { z } from 'zod';
import { secret } from '../define.ts';

export const redis = {
  REDIS_URL: secret(
    z
      .string()
      .regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL')
      .describe('Redis for the job bus; unset under `npm start` runs redis-server from PATH in DATA_DIR'),
  ),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/, 'must be 1-32 lowercase letters, digits, - or _')
    .default('autoalex')
    .describe('prefix of every BullMQ key, so several suites can share one Redis'),
};
