import { redact } from '@autoalex/config';
import { type DockerClient, negotiateApiVersion } from './client.ts';
import { classifyFailure, type FailureContext, type Unavailable, type UnavailableReason } from './errors.ts';
import { type ContainerInfo, InspectSchema, secretsFromEnv, toContainerInfo } from './inspect.ts';
import type { LogLine } from './lines.ts';
import { fetchLogs } from './logs.ts';

export interface DiagnoseOptions {
  /** Log lines asked for (`tail`); 50 by default, at most 1000. */
  tailLines?: number;
  /** Most bytes of log text kept, newest lines first; 64 KiB by default. */
  maxLogBytes?: number;
  /** Deadline for the whole diagnosis; 10 s by default. */
  timeoutMs?: number;
  /** Values to hide wherever they appear (tokens and keys the suite knows). */
  secrets?: readonly string[];
}

export interface DiagnosisLogs {
  lines: LogLine[];
  truncated: boolean;
  /** Why there are no logs although the container was found (logs failed after inspect). */
  problem: Unavailable | null;
}

export interface DiagnosisOk {
  kind: 'ok';
  container: ContainerInfo;
  logs: DiagnosisLogs;
}

export interface DiagnosisUnavailable {
  kind: 'unavailable';
  /** The container that was asked about. */
  name: string;
  reason: UnavailableReason;
  message: string;
}

export type Diagnosis = DiagnosisOk | DiagnosisUnavailable;

const DEFAULT_TAIL = 50;
const MAX_TAIL = 1000;
const DEFAULT_MAX_LOG_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
// Docker container names, or (a prefix of) a 64-hex id.
const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;

/**
 * Inspects a container (state, health, restarts) and reads its last log lines, demultiplexed and
 * redacted. Never throws: a Docker that cannot be reached, refuses, is too slow or answers
 * nonsense is an `unavailable` result with a message that says what to fix.
 */
export async function diagnoseContainer(
  client: DockerClient,
  name: string,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  const tailLines = clampInt(options.tailLines, DEFAULT_TAIL, 1, MAX_TAIL);
  const maxLogBytes = clampInt(options.maxLogBytes, DEFAULT_MAX_LOG_BYTES, 256, 16 * 1024 * 1024);
  const timeoutMs = clampInt(options.timeoutMs, DEFAULT_TIMEOUT_MS, 1, 10 * 60_000);
  const shownName = redact(String(name)).slice(0, 100);

  if (typeof name !== 'string' || !CONTAINER_NAME.test(name)) {
    return {
      kind: 'unavailable',
      name: shownName,
      reason: 'container-missing',
      message: `"${shownName}" is not a valid container name`,
    };
  }
  const container = name.replace(/^\//, '');
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('diagnosis deadline')), timeoutMs);
  const ctx = (request: string): FailureContext => ({
    dockerHost: client.dockerHost,
    target: client.target,
    container,
    request,
    timeoutMs,
    timedOut: deadline.signal.aborted,
  });
  const fail = (error: unknown, request: string): DiagnosisUnavailable => {
    const problem = classifyFailure(error, ctx(request));
    // A daemon that went away may come back as another version.
    if (problem.reason === 'docker-unreachable') client.apiVersion = null;
    return { kind: 'unavailable', name: container, ...problem };
  };

  try {
    try {
      await withDeadline(negotiateApiVersion(client, deadline.signal), deadline.signal);
    } catch (error) {
      return fail(error, 'GET /_ping');
    }

    const inspectRequest = `GET /containers/${container}/json`;
    let raw: unknown;
    try {
      raw = await withDeadline(
        client.api().getContainer(encodeURIComponent(container)).inspect({ abortSignal: deadline.signal }),
        deadline.signal,
      );
    } catch (error) {
      return fail(error, inspectRequest);
    }
    const parsed = InspectSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = Buffer.isBuffer(raw)
        ? 'the body is not JSON'
        : `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected shape'}`;
      return {
        kind: 'unavailable',
        name: container,
        reason: 'bad-response',
        message: `Docker at ${client.dockerHost} answered ${inspectRequest} with something that is not a container (${detail})`,
      };
    }

    const secrets = [...(options.secrets ?? []), ...secretsFromEnv(parsed.data.Config?.Env)];
    const clean = (text: string) => redact(text, secrets);
    const info = toContainerInfo(parsed.data, container, clean);

    const logsRequest = `GET /containers/${container}/logs`;
    try {
      const logs = await withDeadline(
        fetchLogs(client.api(), {
          name: container,
          tty: parsed.data.Config?.Tty ?? false,
          tailLines,
          maxLogBytes,
          clean,
          signal: deadline.signal,
        }),
        deadline.signal,
      );
      return { kind: 'ok', container: info, logs: { lines: logs.lines, truncated: logs.truncated, problem: null } };
    } catch (error) {
      const problem = classifyFailure(error, ctx(logsRequest));
      return { kind: 'ok', container: info, logs: { lines: [], truncated: false, problem } };
    }
  } catch (error) {
    // Only a bug lands here; the contract is still a result, not an exception.
    return {
      kind: 'unavailable',
      name: container,
      reason: 'bad-response',
      message: `diagnosing ${container} failed unexpectedly: ${redact(String(error)).slice(0, 300)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Settles when `promise` does or when the deadline fires, whichever is first. */
function withDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
