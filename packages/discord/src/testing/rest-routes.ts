import type { IncomingHttpHeaders } from 'node:http';
import { interactionRoutes } from './interaction-routes.ts';
import { messageRoutes } from './message-routes.ts';
import { takeRateLimit } from './rate-limits.ts';
import type { RouteHandler, RouteResult } from './route-types.ts';
import { type DiscordError, errors } from './shapes.ts';
import type { SpecValidator } from './spec-validator.ts';
import type { FakeDiscordState, RestRequest, UploadedFile } from './state.ts';

/**
 * The REST half of the fake: every request under `/api/v10` is matched to its operation in
 * Discord's OpenAPI description, authenticated as Discord would (bot token unless the spec allows
 * anonymous calls), rate limited when a test armed it, parsed (JSON or multipart with
 * `payload_json`), validated, and only then handed to the route that implements it.
 */

const API_PREFIX = '/api/v10';

const handlers: Record<string, RouteHandler> = { ...interactionRoutes, ...messageRoutes };

export interface IncomingRest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export async function handleRest(
  state: FakeDiscordState,
  validator: SpecValidator,
  incoming: IncomingRest,
): Promise<RouteResult> {
  const record: RestRequest = {
    method: incoming.method,
    path: incoming.url.pathname,
    route: undefined,
    operationId: undefined,
    query: incoming.url.searchParams,
    headers: incoming.headers,
    body: incoming.body,
    json: undefined,
    files: [],
    status: 0,
    at: state.now(),
  };
  state.requests.push(record);
  const result = await route(state, validator, incoming, record);
  record.status = result.status;
  state.events.emit('request', record);
  return result;
}

async function route(
  state: FakeDiscordState,
  validator: SpecValidator,
  incoming: IncomingRest,
  record: RestRequest,
): Promise<RouteResult> {
  const pathname = incoming.url.pathname;
  if (!pathname.startsWith(`${API_PREFIX}/`)) return errors.notFound();
  const apiPath = pathname.slice(API_PREFIX.length);
  const matched = validator.match(incoming.method, apiPath);
  if (!matched) {
    state.unhandled.push(record);
    return validator.operations.some((o) => sameShape(o.segments, apiPath))
      ? errors.methodNotAllowed()
      : errors.notFound();
  }
  const { operation, params } = matched;
  record.route = operation.template;
  record.operationId = operation.operationId;

  if (!operation.anonymous && incoming.headers.authorization !== `Bot ${state.token}`) return errors.unauthorized();

  const limited = takeRateLimit(state, incoming.method, operation.template, apiPath);
  if (limited) return limited;

  const parsed = await parseBody(incoming);
  if ('status' in parsed) return parsed;
  record.json = parsed.json;
  record.files = parsed.files;

  const tooLarge = parsed.files.some((f) => f.size > state.attachmentSizeLimit);
  if (tooLarge) return errors.tooLarge();

  if (state.validate && operation.hasJsonBody && parsed.json !== undefined) {
    const result = validator.validateBody(operation, parsed.json);
    if (!result.valid) {
      const violation = {
        method: incoming.method,
        path: pathname,
        route: operation.template,
        operationId: operation.operationId,
        body: parsed.json,
        issues: result.issues,
        errors: result.errors,
        at: state.now(),
      };
      state.violations.push(violation);
      state.events.emit('violation', violation);
      return errors.invalidFormBody(result.errors);
    }
  }

  const handler = handlers[operation.operationId];
  if (!handler) {
    state.unhandled.push(record);
    return errors.notFound();
  }
  return handler(state, {
    method: incoming.method,
    path: pathname,
    params,
    query: incoming.url.searchParams,
    json: parsed.json,
    files: parsed.files,
  });
}

/** True when some other method exists for this path (Discord then answers 405). */
function sameShape(segments: string[], apiPath: string): boolean {
  const got = apiPath.split('/').filter(Boolean);
  if (got.length !== segments.length) return false;
  return segments.every((s, i) => s.startsWith('{') || s === safeDecode(got[i] ?? ''));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type Parsed = { json: unknown; files: UploadedFile[] };

async function parseBody(incoming: IncomingRest): Promise<Parsed | DiscordError> {
  if (incoming.body.length === 0) return { json: undefined, files: [] };
  const contentType = incoming.headers['content-type'] ?? '';
  if (contentType.startsWith('application/json')) {
    try {
      return { json: JSON.parse(incoming.body.toString('utf8')), files: [] };
    } catch {
      return errors.badJson();
    }
  }
  if (contentType.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(incoming.body), { headers: { 'content-type': contentType } }).formData();
    } catch {
      return errors.badJson();
    }
    const files: UploadedFile[] = [];
    let json: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          try {
            json = JSON.parse(value);
          } catch {
            return errors.badJson();
          }
        }
        continue;
      }
      const bytes = Buffer.from(await value.arrayBuffer());
      files.push({
        field,
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        size: bytes.length,
        bytes,
      });
    }
    return { json, files };
  }
  return { json: undefined, files: [] };
}
