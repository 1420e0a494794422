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

/** How a whole-number variable is checked, and what each refusal says. */
export interface IntegerSpec {
  readonly min: number;
  readonly max?: number;
  /** Refusal of a value that is not a number (default "must be a number"). */
  readonly notNumber?: string;
  /** Refusal of a fraction (default "must be a whole number"). */
  readonly notWhole?: string;
  readonly belowMin?: string;
  readonly aboveMax?: string;
}

/** A whole number within bounds, coerced from the environment's text. */
export function integer(spec: IntegerSpec) {
  const schema = z.coerce
    .number({ message: spec.notNumber ?? 'must be a number' })
    .int(spec.notWhole ?? 'must be a whole number')
    .min(spec.min, spec.belowMin ?? `must be at least ${spec.min}`);
  return spec.max === undefined ? schema : schema.max(spec.max, spec.aboveMax ?? `must be at most ${spec.max}`);
}

export const port = (fallback: number, description: string) => {
  const range = 'must be between 1 and 65535';
  return integer({ min: 1, max: 65535, notNumber: 'must be a port number', belowMin: range, aboveMax: range })
    .default(fallback)
    .describe(description);
};

export const seconds = (fallback: number, description: string, min = 1) =>
  integer({ min, notNumber: 'must be a number of seconds', notWhole: 'must be a whole number of seconds' })
    .default(fallback)
    .describe(description);

export const positiveInt = (fallback: number, description: string, max = 1_000_000) =>
  integer({ min: 1, max }).default(fallback).describe(description);

/** An optional address of an upstream service; `example` shows its usual form. */
export const optionalUrl = (example: string, description: string) =>
  z
    .url({ message: `must be a URL such as ${example}` })
    .optional()
    .describe(description);

/** An optional API key or token (a secret); `what` names it in the refusal of a value too short to be one. */
export const optionalKey = (what: string, description: string) =>
  secret(z.string().min(8, `does not look like ${what}`).optional().describe(description));

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
