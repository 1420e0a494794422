import { posix } from 'node:path';
import {
  type BlobStore,
  InvalidRangeError,
  isBlobNotFound,
  type LinkVerdict,
  LOCAL_LINK_ROUTE,
  verifyLocalLink,
} from '@autoalex/storage';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { chooseRange } from './byte-range.ts';

export const FILES_OFF =
  'Download links to local-disk files are off: set LINK_SIGNING_SECRET (openssl rand -hex 32) to the same value for the web service and the remix-worker, or keep blobs on S3 (S3_BUCKET)';
export const FILES_ON_S3 = 'Blobs are kept on S3 (S3_BUCKET): download links point at S3 itself, not at this route';
export const FILE_GONE = 'This file is no longer stored (it may have been cleaned up); ask for a new link';

/** What `GET /files/*` does: serve local blobs behind signed links, or say why it is off. */
export type FilesRoute =
  | {
      store: BlobStore;
      /** LINK_SIGNING_SECRET, the one the links were signed with. */
      signingSecret: string;
      /** Clock in milliseconds (tests). */
      now?: () => number;
    }
  | { disabled: string };

const errorBody = z.object({ error: z.string(), reason: z.string().optional() });
const errorSchema = z.toJSONSchema(errorBody, { target: 'draft-7' });
const querySchema = z.toJSONSchema(z.object({ expires: z.string().optional(), signature: z.string().optional() }), {
  target: 'draft-7',
});

type Refusal = Exclude<LinkVerdict, { ok: true }>['reason'];

function refusal(reason: Refusal, expires: string | undefined): string {
  switch (reason) {
    case 'expired':
      return `This download link expired at ${new Date(Number(expires) * 1000).toISOString()}; ask for a new one`;
    case 'bad-signature':
      return 'This download link is not valid: its signature does not match (was the link changed or cut short?)';
    case 'malformed':
      return 'This download link is incomplete: it needs the expires and signature parameters it was given with';
    case 'invalid-key':
      return 'This download link is not valid: it does not name a file that can be stored';
  }
}

/**
 * `GET /files/<key>?expires=…&signature=…`: the local blob a service linked to with the storage
 * package's `link()` (HMAC-signed, see ADR 0030), streamed with its type, length and a download
 * name, and single byte ranges for players that seek. A bad or expired link is a 403 that says
 * which; a verified link to a blob that is gone is a 404. Off (404 saying how to turn it on) without
 * LINK_SIGNING_SECRET, or when blobs are on S3. A signed link is a key to its file until it expires:
 * the service's logger keeps the signature out of every log line, on this route or any other path
 * the link reaches (`/x/../files/…`, a proxy prefix; ADR 0228).
 */
export function registerFiles(app: FastifyInstance, route: FilesRoute | undefined): void {
  const path = `${LOCAL_LINK_ROUTE}*`;
  if (!route || 'disabled' in route) {
    const message = route?.disabled ?? FILES_OFF;
    app.get(path, { schema: { response: { 404: errorSchema } } }, async (_req, reply) =>
      reply.code(404).send({ error: message }),
    );
    return;
  }
  const { store, signingSecret } = route;
  const now = route.now ?? Date.now;

  app.route<{ Params: { '*': string }; Querystring: { expires?: string; signature?: string } }>({
    // HEAD is ours, not fastify's generated one, so that it never opens (and reads) the blob.
    method: ['GET', 'HEAD'],
    url: path,
    exposeHeadRoute: false,
    // A repeated parameter fails the schema; it is a malformed link (403), not a 400.
    attachValidation: true,
    schema: { querystring: querySchema, response: { 403: errorSchema, 404: errorSchema, 416: errorSchema } },
    async handler(request, reply) {
      const key = request.params['*'];
      const { expires, signature } = request.validationError ? {} : request.query;
      const verdict = verifyLocalLink(signingSecret, key, expires, signature, now());
      if (!verdict.ok) {
        return reply.code(403).send({ error: refusal(verdict.reason, expires), reason: verdict.reason });
      }

      const found = await store.stat(key);
      if (!found) return reply.code(404).send({ error: FILE_GONE });
      const lastModified = found.modifiedAt.toUTCString();
      // If-Range names the version the client has part of; ours is its Last-Modified.
      const ifRange = request.headers['if-range'];
      const range = ifRange === undefined || ifRange === lastModified ? request.headers.range : undefined;
      const choice = chooseRange(range, found.size);
      if (choice.kind === 'unsatisfiable') return unsatisfiable(reply, found.size);

      const part = choice.kind === 'part' ? choice : undefined;
      let body: Awaited<ReturnType<BlobStore['get']>> | '' = '';
      try {
        if (request.method !== 'HEAD') {
          body = await store.get(key, part ? { range: { start: part.start, end: part.end } } : {});
        }
      } catch (err) {
        // Deleted or shortened between stat and get.
        if (isBlobNotFound(err)) return reply.code(404).send({ error: FILE_GONE });
        if (err instanceof InvalidRangeError) return unsatisfiable(reply, found.size);
        throw err;
      }
      reply
        .header('content-type', found.contentType)
        .header('content-disposition', `attachment; filename="${posix.basename(key)}"`)
        .header('accept-ranges', 'bytes')
        .header('last-modified', lastModified)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff');
      if (part) {
        reply
          .code(206)
          .header('content-range', `bytes ${part.start}-${part.end}/${found.size}`)
          .header('content-length', part.end - part.start + 1);
      } else {
        reply.code(200).header('content-length', found.size);
      }
      return reply.send(body);
    },
  });
}

function unsatisfiable(reply: FastifyReply, size: number) {
  return reply
    .code(416)
    .header('accept-ranges', 'bytes')
    .header('content-range', `bytes */${size}`)
    .send({ error: `The requested range is not within this file of ${size} bytes` });
}
