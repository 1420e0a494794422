// The environment variables that packages/config declares, read from its fragment files by relative path
// (the repository root has no dependency on @autoalex/config), with the default each schema applies.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ConfigVariable {
  name: string;
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

/**
 * Every fragment module's exported shapes (objects of zod schemas), plus the per-service port variables
 * of ports.ts, which builds its shapes with servicePort(name).
 */
export async function configVariables(repoRoot: string): Promise<ConfigVariable[]> {
  const dir = join(repoRoot, 'packages/config/src/fragments');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const found = new Map<string, ConfigVariable>();
  for (const file of files.sort()) {
    const mod: Record<string, unknown> = await import(pathToFileURL(join(dir, file)).href);
    const shapes = Object.values(mod).filter(isShape);
    const { SERVICE_NAMES, servicePort } = mod;
    if (Array.isArray(SERVICE_NAMES) && typeof servicePort === 'function') {
      for (const service of SERVICE_NAMES) shapes.push(servicePort(service) as Record<string, Schema>);
    }
    for (const shape of shapes) {
      for (const [name, schema] of Object.entries(shape)) {
        found.set(name, { name, fragment: file, ...describeUnset(schema) });
      }
    }
  }
  return [...found.values()];
}
