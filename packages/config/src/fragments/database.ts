import { z } from 'zod';
import { secret } from '../define.ts';

export const database = {
  DATABASE_URL: secret(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL')
      .describe('PostgreSQL connection URL; unset under `npm start` runs an embedded PostgreSQL in DATA_DIR'),
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5).describe('connections per service process'),
};
