import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { descriptionOf, type EnvShape } from './define.ts';

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    const noun = problems.length === 1 ? 'problem' : 'problems';
    super(`configuration has ${problems.length} ${noun}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type Env = Record<string, string | undefined>;
export type ConfigOf<S extends EnvShape> = z.infer<z.ZodObject<S>>;

/**
 * Reads the variables named in `shape` from `env`, once, at start-up.
 * - an empty string counts as unset;
 * - `NAME_FILE` points at a file holding NAME (Docker/Compose secrets); NAME itself wins when both are set;
 * - every problem is collected and thrown together as one ConfigError.
 */
export function loadConfig<S extends EnvShape>(shape: S, env: Env): ConfigOf<S> {
  const raw: Record<string, string | undefined> = {};
  const problems: string[] = [];
  for (const name of Object.keys(shape)) {
    const direct = env[name];
    const file = env[`${name}_FILE`];
    if (direct !== undefined && direct !== '') raw[name] = direct;
    else if (file !== undefined && file !== '') {
      try {
        raw[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      } catch (err) {
        problems.push(`${name}_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
  }
  const result = z.object(shape).safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '(config)');
      const value = raw[name];
      problems.push(`${name}: ${value === undefined ? 'is required' : issue.message}${hint(shape, name)}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

function hint(shape: EnvShape, name: string): string {
  const schema = shape[name];
  const description = schema ? descriptionOf(schema) : undefined;
  return description ? ` (${description})` : '';
}
