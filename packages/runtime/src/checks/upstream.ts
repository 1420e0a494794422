// Shared by the reachability probes of the external services (packages/runtime/src/integrations).

/** Probes that call rate-limited upstreams reuse their answer this long. */
export const UPSTREAM_CHECK_OPTIONS = { cacheMs: 60_000, timeoutMs: 5000 } as const;

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
