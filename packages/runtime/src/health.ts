import { redact } from '@autoalex/config';

/** `disabled`: the integration is not configured; it never degrades the service. */
export type CheckStatus = 'ok' | 'degraded' | 'down' | 'disabled';
export type ServiceStatus = 'ok' | 'degraded' | 'down';

export interface CheckResult {
  status: CheckStatus;
  latencyMs: number;
  detail: string;
}

/**
 * What a check function reports; a thrown error counts as `down` with its message as detail. A check
 * may say `disabled` itself when what it needs is not there yet (a Docker socket not mounted): it is
 * looked at again on every run, so the check turns `ok` once it appears.
 */
export interface CheckOutcome {
  status: CheckStatus;
  detail?: string;
}

export type Check = () => Promise<CheckOutcome>;

export interface CheckOptions {
  /** A check still running after this long is `down` ("timed out"). Default 3000 ms. */
  timeoutMs?: number;
  /** Reuse a result for this long (for probes of rate-limited upstreams). Default 0. */
  cacheMs?: number;
}

export interface HealthReport {
  service: string;
  instance: string;
  status: ServiceStatus;
  uptimeSeconds: number;
  checks: Record<string, CheckResult>;
}

export interface Health {
  /** Adds a named dependency check; names are unique. */
  register(name: string, check: Check, options?: CheckOptions): void;
  /** Records an integration that is not configured, with a sentence saying how to turn it on. */
  disabled(name: string, detail: string): void;
  /** Runs every check (in parallel) and aggregates. */
  report(): Promise<HealthReport>;
}

const RANK: Record<ServiceStatus, number> = { ok: 0, degraded: 1, down: 2 };

/** The worst status among the enabled checks; `ok` when there are none. */
export function overallStatus(checks: Iterable<Pick<CheckResult, 'status'>>): ServiceStatus {
  let worst: ServiceStatus = 'ok';
  for (const { status } of checks) {
    if (status === 'disabled') continue;
    if (RANK[status] > RANK[worst]) worst = status;
  }
  return worst;
}

/** HTTP status of /healthz: 503 only when the service is down. */
export function httpStatusOf(status: ServiceStatus): number {
  return status === 'down' ? 503 : 200;
}

interface Entry {
  run: () => Promise<CheckResult>;
}

export interface HealthSettings {
  service: string;
  instance: string;
  /** For tests; defaults to Date.now. */
  now?: () => number;
  /** Seconds the process has been up; defaults to process.uptime. */
  uptime?: () => number;
}

export function createHealth(settings: HealthSettings): Health {
  const now = settings.now ?? Date.now;
  const uptime = settings.uptime ?? process.uptime;
  const entries = new Map<string, Entry>();

  function add(name: string, entry: Entry): void {
    if (entries.has(name)) throw new Error(`health check "${name}" is registered twice`);
    entries.set(name, entry);
  }

  return {
    register(name, check, options = {}) {
      const timeoutMs = options.timeoutMs ?? 3000;
      const cacheMs = options.cacheMs ?? 0;
      let cached: { at: number; result: CheckResult } | undefined;
      let pending: Promise<CheckResult> | undefined;
      add(name, {
        run() {
          if (cached && now() - cached.at < cacheMs) return Promise.resolve(cached.result);
          // Concurrent callers (heartbeat and a /healthz request) share one probe.
          pending ??= runCheck(check, timeoutMs, now).then((result) => {
            cached = { at: now(), result };
            pending = undefined;
            return result;
          });
          return pending;
        },
      });
    },
    disabled(name, detail) {
      const result: CheckResult = { status: 'disabled', latencyMs: 0, detail };
      add(name, { run: () => Promise.resolve(result) });
    },
    async report() {
      const names = [...entries.keys()];
      const results = await Promise.all(names.map((name) => entries.get(name)!.run()));
      const checks: Record<string, CheckResult> = {};
      names.forEach((name, i) => {
        checks[name] = results[i]!;
      });
      return {
        service: settings.service,
        instance: settings.instance,
        status: overallStatus(results),
        uptimeSeconds: Math.floor(uptime()),
        checks,
      };
    },
  };
}

async function runCheck(check: Check, timeoutMs: number, now: () => number): Promise<CheckResult> {
  const started = now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', detail: `timed out after ${timeoutMs} ms` }), timeoutMs);
    timer.unref();
  });
  let outcome: CheckOutcome;
  try {
    outcome = await Promise.race([check(), timeout]);
  } catch (err) {
    outcome = { status: 'down', detail: describeError(err) };
  } finally {
    clearTimeout(timer);
  }
  return { status: outcome.status, latencyMs: Math.max(0, now() - started), detail: redact(outcome.detail ?? '') };
}

/** One line about an error, without secrets: its message plus a system error code when there is one. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return redact(String(err));
  const code = (err as NodeJS.ErrnoException).code ?? (err.cause as NodeJS.ErrnoException | undefined)?.code;
  const message = err.message || err.name;
  return redact(code && !message.includes(code) ? `${message} (${code})` : message);
}
