import { z } from 'zod';
import { integer } from '../define.ts';

const SHARD_IDS = /^\s*\d{1,5}(\s*-\s*\d{1,5})?(\s*,\s*\d{1,5}(\s*-\s*\d{1,5})?)*\s*$/;

/** Discord gateway sharding. Unset: one replica runs the number of shards Discord recommends. */
export const gateway = {
  SHARD_COUNT: integer({ min: 1, max: 100_000, notNumber: 'must be a number of shards' })
    .optional()
    .describe("total shards of the bot across all gateway replicas; unset uses Discord's recommendation"),
  SHARD_IDS: z
    .string()
    .regex(SHARD_IDS, 'must be shard ids and ranges such as 0,1 or 0-3 or 0-3,8')
    .optional()
    .describe('shards this gateway replica runs, e.g. 0-3 (needs SHARD_COUNT); unset runs them all'),
};
