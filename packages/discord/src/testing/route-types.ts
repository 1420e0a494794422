import type { DiscordError } from './shapes.ts';
import type { FakeDiscordState, UploadedFile } from './state.ts';

/**
 * What a REST route of the fake receives and answers. Kept apart from `rest-routes.ts`, which
 * imports every route file, so that the route files need not import it back.
 */

export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or `payload_json` of a multipart body; undefined when there was none. */
  json: unknown;
  files: UploadedFile[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (state: FakeDiscordState, ctx: RouteContext) => RouteResult | DiscordError;
