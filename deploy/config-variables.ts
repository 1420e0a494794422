// The environment variables that packages/config declares — every shape (object of zod schemas) its
// entry exports, plus the per-service port variables — with the default each schema applies.
import * as config from '@autoalex/config';

export interface ConfigVariable {
  name: string;
  /** The export of @autoalex/config that declares it (`discord`, `ports`, …). */
  fragment: string;
  /** The value the schema falls back to when the variable is unset, as text; undefined when it has none. */
  fallback: string | undefined;
  /** The schema rejects an unset value. */
  required: boolean;
}

interface Schema {
  safeParse(input: unknown): { success: boolean; data?: unknown };
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Schema>).safeParse === 'function';
}

function isShape(value: unknown): value is Record<string, Schema> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const values = Object.values(value);
  return values.length > 0 && values.every(isSchema);
}

function describeUnset(schema: Schema): Pick<ConfigVariable, 'fallback' | 'required'> {
  const result = schema.safeParse(undefined);
  const fallback = result.success && result.data !== undefined ? String(result.data) : undefined;
  return { fallback, required: !result.success };
}

/** Every shape @autoalex/config exports, by export name, plus the port of each service (ports.ts builds those). */
export function configVariables(): ConfigVariable[] {
  const shapes = Object.entries(config as Record<string, unknown>).filter(
    (entry): entry is [string, Record<string, Schema>] => isShape(entry[1]),
  );
  for (const service of config.SERVICE_NAMES) shapes.push(['ports', config.servicePort(service)]);
  const found = new Map<string, ConfigVariable>();
  for (const [fragment, shape] of shapes) {
    for (const [name, schema] of Object.entries(shape)) {
      found.set(name, { name, fragment, ...describeUnset(schema) });
    }
  }
  return [...found.values()];
}
