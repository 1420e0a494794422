import { z } from 'zod';
import { pollUntil } from './poll.ts';
import type { Row } from './summary.ts';
import type { ServiceStatus } from './supervisor.ts';

export interface ServiceHealth {
  status: string;
  /** False when web lists the service but has heard nothing from it (no live replica). */
  reported: boolean;
  /** Problems (degraded or down checks) and integrations that are off, in a few words. */
  notes: string[];
}

const check = z.looseObject({ status: z.string(), detail: z.string().optional() });
const entry = z.looseObject({
  service: z.string().optional(),
  name: z.string().optional(),
  status: z.string(),
  detail: z.string().optional(),
  instances: z.number().optional(),
  updatedAt: z.string().nullable().optional(),
  checks: z.record(z.string(), check).optional(),
});
type Entry = z.infer<typeof entry>;
const collection = z.union([z.array(entry), z.record(z.string(), z.union([entry, z.string()]))]);

const RANK: Record<string, number> = { ok: 0, degraded: 1, down: 2 };

/**
 * Reads the answer of web's /api/health (`{ services: { [name]: { status, instances, checks, … } } }`);
 * also a list of service (or replica) reports, or a map from name to a bare status. Replicas of one
 * service are folded into the worst status.
 */
export function parseHealth(body: unknown): Map<string, ServiceHealth> {
  const result = new Map<string, ServiceHealth>();
  const container = typeof body === 'object' && body !== null && 'services' in body ? body.services : body;
  const parsed = collection.safeParse(container);
  if (!parsed.success) return result;
  const entries: Array<[string, Entry]> = Array.isArray(parsed.data)
    ? parsed.data.flatMap((e) => ((e.service ?? e.name) ? [[(e.service ?? e.name)!, e] as [string, Entry]] : []))
    : Object.entries(parsed.data).map(([name, e]) => [name, typeof e === 'string' ? { status: e } : e]);
  for (const [name, e] of entries) {
    const reported = e.instances !== 0 && e.updatedAt !== null;
    const health = { status: e.status, reported, notes: notesOf(e) };
    const known = result.get(name);
    if (!known || (RANK[health.status] ?? 3) > (RANK[known.status] ?? 3))
      result.set(name, { ...health, reported: reported || Boolean(known?.reported) });
  }
  return result;
}

function notesOf(e: Entry): string[] {
  const notes: string[] = [];
  if (e.detail) notes.push(e.detail);
  const off: string[] = [];
  for (const [name, c] of Object.entries(e.checks ?? {})) {
    if (c.status === 'disabled') off.push(name);
    else if (c.status !== 'ok') notes.push(`${name} ${c.status}${c.detail ? `: ${c.detail}` : ''}`);
  }
  if (off.length > 0) notes.push(`not configured: ${off.join(', ')}`);
  return notes;
}

export async function fetchHealth(url: string, timeoutMs = 2000): Promise<Map<string, ServiceHealth> | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok && response.status !== 503) return undefined;
    return parseHealth(await response.json());
  } catch {
    return undefined;
  }
}

/** One row per service: what it reports, or else what the supervisor knows about it. */
export function healthRows(
  names: readonly string[],
  health: ReadonlyMap<string, ServiceHealth>,
  processes: Readonly<Record<string, ServiceStatus>>,
): Row[] {
  return names.map((name) => {
    const known = health.get(name);
    const state = processes[name]?.state;
    if (known?.reported) return [name, [known.status, ...known.notes].join(' — ')];
    if (state === 'config-error') return [name, 'stopped: its configuration is wrong (exit 78, see its log above)'];
    if (state === 'waiting') return [name, `crashed ${processes[name]?.crashes ?? 0}× in a row, restarting`];
    if (known) return [name, [known.status, ...known.notes].join(' — ')];
    return [name, 'running, no health report yet'];
  });
}

export interface WaitForHealthOptions {
  /** web's /api/health */
  url: string;
  names: readonly string[];
  /** The supervisor's view: a service stopped for a configuration error will never report. */
  processes: () => Readonly<Record<string, ServiceStatus>>;
  stopIf?: () => string | undefined;
  timeoutMs?: number;
}

/** Polls /api/health until every service has reported (or cannot), or time runs out; the last answer. */
export async function waitForHealth(options: WaitForHealthOptions): Promise<Map<string, ServiceHealth>> {
  let latest = new Map<string, ServiceHealth>();
  await pollUntil(
    async () => {
      latest = (await fetchHealth(options.url)) ?? latest;
      const processes = options.processes();
      const waiting = options.names.filter(
        (name) => !latest.get(name)?.reported && processes[name]?.state !== 'config-error',
      );
      return waiting.length === 0 ? true : undefined;
    },
    { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 1000, ...(options.stopIf ? { stopIf: options.stopIf } : {}) },
  );
  return latest;
}
