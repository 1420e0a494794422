import { type EnvShape, envMeta } from '@autoalex/config';

/** The values of the variables marked `secret()` in `shape`, so the logger can scrub them. */
export function secretValues(shape: EnvShape, config: Record<string, unknown>): string[] {
  const values: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    if (!envMeta.get(schema)?.secret) continue;
    const value = config[name];
    if (typeof value === 'string' && value !== '') values.push(value);
  }
  return values;
}
