import { PROVIDER_LIMITS, SUNO_CALLBACK_STAGES, SUNO_MODELS } from '@autoalex/terms/studio';
import { z } from 'zod';
import { epochMs, snowflake, uuid } from '../fields.ts';
import { meta } from '../meta.ts';
import { replyTarget } from '../reply.ts';

const providerTaskId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be the provider task id');

/**
 * Ask the provider for songs. `generationId` is created by the requester and makes the job
 * idempotent: the worker stores the provider task under it and never submits it twice.
 * Simple mode uses `prompt` only (≤ 500 chars); custom mode needs `style` and `title`, and
 * `prompt` holds the lyrics unless `instrumental`.
 */
const generate = z
  .object({
    generationId: uuid,
    ownerId: snowflake,
    mode: z.enum(['simple', 'custom']),
    prompt: z.string().max(PROVIDER_LIMITS.lyrics, `must be at most ${PROVIDER_LIMITS.lyrics} characters`).default(''),
    style: z.string().min(1).max(PROVIDER_LIMITS.style).optional(),
    title: z.string().min(1).max(PROVIDER_LIMITS.title).optional(),
    instrumental: z.boolean().default(false),
    model: z.enum(SUNO_MODELS).optional(),
    negativeTags: z.string().max(PROVIDER_LIMITS.negativeTags).optional(),
    vocalGender: z.enum(['m', 'f']).optional(),
    reply: replyTarget.optional(),
    meta,
  })
  .superRefine((job, ctx) => {
    if (job.mode === 'simple') {
      if (job.prompt.trim() === '')
        ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'is required in simple mode' });
      else if (job.prompt.length > PROVIDER_LIMITS.simplePrompt)
        ctx.addIssue({
          code: 'custom',
          path: ['prompt'],
          message: `must be at most ${PROVIDER_LIMITS.simplePrompt} characters in simple mode`,
        });
      return;
    }
    if (!job.style) ctx.addIssue({ code: 'custom', path: ['style'], message: 'is required in custom mode' });
    if (!job.title) ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required in custom mode' });
    if (!job.instrumental && job.prompt.trim() === '')
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'must hold the lyrics unless instrumental' });
  });

export const sunoJobs = {
  generate,
  /** Check a provider task; the worker enqueues the next poll (with a delay) until it settles. */
  poll: z.object({
    generationId: uuid,
    taskId: providerTaskId,
    /** How many polls came before this one (backs off the delay, bounds the total). */
    pollCount: z.number().int().nonnegative().default(0),
    reply: replyTarget.optional(),
    meta,
  }),
  /**
   * A provider callback the web service received. `body` is the provider's JSON as sent (snake_case);
   * the worker parses it. Stages can repeat: handling is idempotent.
   */
  callback: z.object({
    taskId: providerTaskId,
    stage: z.enum(SUNO_CALLBACK_STAGES),
    body: z.looseObject({}),
    receivedAt: epochMs,
    meta,
  }),
};
