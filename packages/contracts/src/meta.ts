import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { epochMs, snowflake, uuid } from './fields.ts';

/**
 * Carried by every payload: ids for tracing, never secrets or whole records.
 * `correlationId` names one user request (one interaction, one schedule tick); every job made for
 * it carries the same id, so logs of all services can be joined on it.
 */
export const meta = z.object({
  correlationId: uuid,
  /** Discord user who asked, when a person asked. */
  requestedBy: snowflake.optional(),
  guildId: snowflake.optional(),
  createdAt: epochMs,
});

export type Meta = z.infer<typeof meta>;

/** A fresh meta block; pass `correlationId` to continue an existing request. */
export function createMeta(fields: Partial<Omit<Meta, 'createdAt'>> = {}, now: number = Date.now()): Meta {
  return { ...fields, correlationId: fields.correlationId ?? randomUUID(), createdAt: now };
}
