import { z } from 'zod';
import { meta } from '../meta.ts';
import { replyTarget } from '../reply.ts';

export const monitorJobs = {
  /** Run every health check now (instead of at the next tick) and answer with the result. */
  'check-now': z.object({ reply: replyTarget.optional(), meta }),
};
