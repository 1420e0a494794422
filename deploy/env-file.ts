// Reading .env.example and expanding Compose `${...}` references the way Compose does, for the deploy checks.

export interface EnvEntry {
  name: string;
  /** The value written after `=` (the default or placeholder shown). */
  value: string;
  /** Uncommented: the user must fill it in. Commented out: optional, showing its default. */
  required: boolean;
  /** The comment line right above the variable, without its `# `; '' when there is none. */
  comment: string;
  line: number;
}

const VARIABLE_LINE = /^(# )?([A-Z][A-Z0-9_]*)=(.*)$/;

/** Every variable of an .env.example: `NAME=value` (required) or `# NAME=default` (optional). */
export function parseEnvExample(text: string): EnvEntry[] {
  const lines = text.split('\n');
  const entries: EnvEntry[] = [];
  lines.forEach((line, index) => {
    const match = VARIABLE_LINE.exec(line);
    if (!match) return;
    const above = index > 0 ? (lines[index - 1] ?? '') : '';
    const isComment = above.startsWith('# ') && !VARIABLE_LINE.test(above) && !above.startsWith('# ====');
    entries.push({
      name: match[2] ?? '',
      value: match[3] ?? '',
      required: match[1] === undefined,
      comment: isComment ? above.slice(2) : '',
      line: index + 1,
    });
  });
  return entries;
}

/** The values Compose would read from this env file: only the uncommented lines. */
export function envFileValues(entries: readonly EnvEntry[]): Record<string, string> {
  return Object.fromEntries(entries.filter((e) => e.required).map((e) => [e.name, e.value]));
}

// ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+alt}, ${NAME+alt}; $$ is a literal $.
const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Names of the variables a Compose file interpolates (not counting `$$` escapes). */
export function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1] ?? match[4];
    if (name) names.add(name);
  }
  return names;
}

export class MissingVariableError extends Error {}

/** Expands one string as Compose does; a `?` reference to an unset (or, with `:?`, empty) variable throws. */
export function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(REFERENCE, (whole, braced?: string, op?: string, arg?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare ?? '';
    const value = vars[name];
    const unset = op?.startsWith(':') ? value === undefined || value === '' : value === undefined;
    switch (op) {
      case ':-':
      case '-':
        return unset ? (arg ?? '') : (value ?? '');
      case ':?':
      case '?':
        if (unset) throw new MissingVariableError(`${name}: ${arg || 'is required'}`);
        return value ?? '';
      case ':+':
      case '+':
        return unset ? '' : (arg ?? '');
      default:
        return value ?? '';
    }
  });
}

/** Interpolates every string inside a parsed Compose document. */
export function interpolateDeep<T>(node: T, vars: Record<string, string>): T {
  if (typeof node === 'string') return interpolate(node, vars) as T;
  if (Array.isArray(node)) return node.map((item) => interpolateDeep(item, vars)) as T;
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateDeep(v, vars)])) as T;
  }
  return node;
}

/** Compose durations such as `15s`, `1m30s`, `500ms`, in milliseconds. */
export function durationMs(text: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error(`not a duration: ${text}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2] ?? ''] ?? Number.NaN), 0);
}
