/** A bench's command-line arguments: `--name value` pairs, each declared with its default. */

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

export type ArgSpec = Record<
  string,
  | { kind: 'number'; default: number; min: number; max: number; help: string }
  | { kind: 'choice'; default: string; choices: readonly string[]; help: string }
  | { kind: 'string'; default: string; help: string }
>;

export type ArgValues<S extends ArgSpec> = {
  [K in keyof S]: S[K] extends { kind: 'number' } ? number : string;
};

/** One line per argument, for usage messages. */
export function describeArgs(spec: ArgSpec): string {
  return Object.entries(spec)
    .map(([name, arg]) => {
      const values = arg.kind === 'choice' ? ` (${arg.choices.join('|')})` : '';
      return `  --${name}${values}  ${arg.help} [default: ${arg.default}]`;
    })
    .join('\n');
}

/** Parses `--name value` / `--name=value`; every problem at once in one BenchUsageError. */
export function parseArgs<S extends ArgSpec>(spec: S, argv: readonly string[]): ArgValues<S> {
  const values: Record<string, number | string> = Object.fromEntries(
    Object.entries(spec).map(([name, arg]) => [name, arg.default]),
  );
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(token);
    if (!match) {
      problems.push(`unexpected argument "${token}"`);
      continue;
    }
    const name = match[1]!;
    const arg = spec[name];
    if (!arg) {
      problems.push(`unknown option --${name}`);
      continue;
    }
    const raw = match[2] ?? argv[++i];
    if (raw === undefined) {
      problems.push(`--${name} needs a value`);
      continue;
    }
    if (arg.kind === 'number') {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n) || n < arg.min || n > arg.max) {
        problems.push(`--${name} must be a number from ${arg.min} to ${arg.max} (got "${raw}")`);
      } else values[name] = n;
    } else if (arg.kind === 'choice' && !arg.choices.includes(raw)) {
      problems.push(`--${name} must be one of ${arg.choices.join(', ')} (got "${raw}")`);
    } else values[name] = raw;
  }
  if (problems.length > 0) throw new BenchUsageError(`${problems.join('; ')}\noptions:\n${describeArgs(spec)}`);
  return values as ArgValues<S>;
}
