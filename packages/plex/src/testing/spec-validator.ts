import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';

/**
 * Checks Plex JSON answers against the community OpenAPI description (an excerpt of
 * LukeHagar/plex-api-spec in this package's fixtures/, see its README). Two corrections are applied where the
 * spec contradicts what real Plex sends (listed in `corrections`):
 * - `Metadata.Guid[].id` allows any scheme (the spec allows only imdb/tmdb/tvdb; music items carry `mbid://`);
 * - paths the spec lacks are checked against their twins: `/library/sections` (the classic path,
 *   what Plex Web and python-plexapi call) as `/library/sections/all`, `/library/metadata/{id}/children`
 *   as `…/allLeaves` (both are MediaContainerWithMetadata).
 * The spec's `MediaType` enum (5/6/7 for artist/album/track) is also wrong — real Plex uses 8/9/10 —
 * but it only describes query parameters, which this validator does not check.
 */

export const PLEX_SPEC_EXCERPT_PATH = new URL('../../fixtures/plex-openapi-excerpt.json', import.meta.url);

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  template: string;
  segments: string[];
  validate: ValidateFunction | undefined;
}

export type SpecCheck =
  | { valid: true; template: string }
  | { valid: false; template: string | undefined; errors: string[] };

export interface PlexSpecValidator {
  readonly corrections: readonly string[];
  /** The spec's path template for a concrete request path, e.g. `/library/sections/3/all` → `/library/sections/{sectionId}/all`. */
  match(method: string, path: string): string | undefined;
  /** Validates a 200 JSON answer against the operation's response schema. */
  validateResponse(method: string, path: string, body: unknown): SpecCheck;
}

const ALIASES: [RegExp, string][] = [
  [/^\/library\/sections$/, '/library/sections/all'],
  [/^\/library\/metadata\/([^/]+)\/children$/, '/library/metadata/$1/allLeaves'],
];

function patchGuidPattern(node: unknown): number {
  let patched = 0;
  if (Array.isArray(node)) for (const item of node) patched += patchGuidPattern(item);
  else if (node && typeof node === 'object') {
    const object = node as Json;
    if (typeof object.pattern === 'string' && object.pattern.startsWith('^(imdb|tmdb|tvdb)://')) {
      object.pattern = '^[a-z][a-z0-9+.-]*://.+$';
      patched++;
    }
    for (const value of Object.values(object)) patched += patchGuidPattern(value);
  }
  return patched;
}

export function createPlexSpecValidator(spec: Json): PlexSpecValidator {
  const corrections: string[] = [];
  if (patchGuidPattern(spec.components) > 0) corrections.push('Metadata.Guid[].id: any scheme (mbid:// for music)');
  corrections.push('/library/sections checked as /library/sections/all; …/children as …/allLeaves');

  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ??
    addFormatsPlugin) as unknown as (a: Ajv2020) => void;
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addSchema({ $id: 'plex', components: spec.components }, 'plex');

  const rewriteRefs = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewriteRefs);
    if (node && typeof node === 'object') {
      const out: Json = {};
      for (const [key, value] of Object.entries(node as Json))
        out[key] = key === '$ref' && typeof value === 'string' ? `plex${value}` : rewriteRefs(value);
      return out;
    }
    return node;
  };

  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) {
      const schema = (op as Json & { responses?: Record<string, Json> }).responses?.['200']?.content as
        | Record<string, { schema?: unknown }>
        | undefined;
      const json = schema?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        template,
        segments: template.split('/'),
        validate: json ? ajv.compile(rewriteRefs(json) as Json) : undefined,
      });
    }
  }

  function find(method: string, path: string): Operation | undefined {
    let target = path;
    for (const [pattern, replacement] of ALIASES) target = target.replace(pattern, replacement);
    const segments = target.split('/');
    const candidates = operations.filter(
      (op) =>
        op.method === method.toUpperCase() &&
        op.segments.length === segments.length &&
        op.segments.every((s, i) => s === segments[i] || (s.startsWith('{') && s.endsWith('}'))),
    );
    // Literal segments beat parameters (`/library/sections/all` over `/library/sections/{sectionId}`).
    const literalCount = (op: Operation) => op.segments.filter((s) => !s.startsWith('{')).length;
    return candidates.sort((a, b) => literalCount(b) - literalCount(a))[0];
  }

  return {
    corrections,
    match: (method, path) => find(method, path)?.template,
    validateResponse(method, path, body) {
      const op = find(method, path);
      if (!op) return { valid: false, template: undefined, errors: [`no operation for ${method} ${path} in the spec`] };
      if (!op.validate) return { valid: false, template: op.template, errors: ['the spec declares no JSON answer'] };
      if (op.validate(body)) return { valid: true, template: op.template };
      return {
        valid: false,
        template: op.template,
        errors: (op.validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim()),
      };
    },
  };
}

let shared: PlexSpecValidator | undefined;

/** One validator per process, built from the bundled excerpt. */
export function plexSpecValidator(): PlexSpecValidator {
  shared ??= createPlexSpecValidator(JSON.parse(readFileSync(PLEX_SPEC_EXCERPT_PATH, 'utf8')) as Json);
  return shared;
}
