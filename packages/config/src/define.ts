import { z } from 'zod';

export type EnvShape = Record<string, z.ZodType>;

/** Metadata the README table and .env.example checks read. */
export interface EnvMeta {
  /** Never printed: logs and the README show it as a secret. */
  secret?: boolean;
  /** Example value for docs when there is no default. */
  example?: string;
}

export const envMeta = z.registry<EnvMeta>();

/** Marks a variable as a secret (provider keys, tokens, passwords). */
export function secret<T extends z.ZodType>(schema: T): T {
  envMeta.add(schema, { secret: true });
  return schema;
}

export const url = (description: string) =>
  z.url({ message: 'must be a URL such as http://host:port' }).describe(description);

export const port = (fallback: number, description: string) =>
  z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback)
    .describe(description);

export const seconds = (fallback: number, description: string, min = 1) =>
  z.coerce
    .number({ message: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(min, `must be at least ${min}`)
    .default(fallback)
    .describe(description);

export const positiveInt = (fallback: number, description: string, max = 1_000_000) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(fallback)
    .describe(description);

export const flag = (fallback: boolean, description: string) =>
  z.stringbool({ error: 'must be true or false' }).default(fallback).describe(description);

export const snowflake = (description: string) =>
  z
    .string()
    .regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)')
    .describe(description);

/** The `.describe()` text of a variable, looking through `.optional()`/`.default()` wrappers. */
export function descriptionOf(schema: z.ZodType): string | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    if (current.description) return current.description;
    const def = current._zod.def as { innerType?: z.ZodType };
    current = def.innerType;
  }
  return undefined;
}
