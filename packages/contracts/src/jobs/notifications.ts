import { z } from 'zod';
import { idempotencyKey, snowflake, storedFile } from '../fields.ts';
import { meta } from '../meta.ts';

/** Message fields as Discord's create/edit message bodies take them; embeds pass through. */
const messageFields = {
  channelId: snowflake,
  content: z.string().max(2000, 'must be at most 2000 characters').optional(),
  embeds: z.array(z.looseObject({})).max(10, 'must be at most 10 embeds').optional(),
  /** Files in blob storage, uploaded as attachments. */
  files: z.array(storedFile).max(10, 'must be at most 10 files').optional(),
  meta,
};

const hasBody = (m: { content?: string | undefined; embeds?: unknown[] | undefined; files?: unknown[] | undefined }) =>
  Boolean(m.content) || (m.embeds?.length ?? 0) > 0 || (m.files?.length ?? 0) > 0;
const emptyMessage = { message: 'needs content, embeds or files', path: ['content'] };

export const notificationsJobs = {
  'send-message': z
    .object({
      ...messageFields,
      /** Same key, same message: a retried or repeated request posts once (while the job is kept). */
      idempotencyKey: idempotencyKey.optional(),
    })
    .refine(hasBody, emptyMessage),
  /** Edits are idempotent by nature: no key needed. */
  'edit-message': z.object({ ...messageFields, messageId: snowflake }).refine(hasBody, emptyMessage),
};
