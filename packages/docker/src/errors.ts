import { redact } from '@autoalex/config';
import { CONNECTION_CODES } from '@autoalex/http';
import type { DockerTarget } from './host.ts';

export type UnavailableReason =
  | 'docker-unreachable'
  | 'container-missing'
  | 'permission-denied'
  | 'timeout'
  | 'bad-response';

export interface Unavailable {
  reason: UnavailableReason;
  message: string;
}

/** What was being asked when something went wrong, for the message. */
export interface FailureContext {
  dockerHost: string;
  target: DockerTarget;
  container: string;
  /** e.g. `GET /containers/{name}/json`. */
  request: string;
  timeoutMs: number;
  /** The deadline fired (our AbortController), whatever error the library reported. */
  timedOut: boolean;
}

/** The fields docker-modem and Node put on the errors they raise. */
interface ErrorLike {
  code?: unknown;
  syscall?: unknown;
  statusCode?: unknown;
  json?: unknown;
  message?: unknown;
  name?: unknown;
}

/**
 * Nothing (or no daemon) there: the reach failures every HTTP client shares, plus what a Unix
 * socket path says (missing, not a socket) and the timeouts docker-modem reports as codes.
 */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  ...CONNECTION_CODES,
  'ENOENT',
  'ENOTSOCK',
  'ENOTDIR',
  'ETIMEDOUT',
  'ECONNABORTED',
]);

/** Maps a failed call to the Docker API onto one reason and a message a person can act on. */
export function classifyFailure(error: unknown, ctx: FailureContext): Unavailable {
  const err = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const code = typeof err.code === 'string' ? err.code : undefined;
  const status = typeof err.statusCode === 'number' ? err.statusCode : undefined;
  const where = ctx.target.kind === 'unix' ? ctx.target.socketPath : `${ctx.target.host}:${ctx.target.port}`;

  if (ctx.timedOut || code === 'ABORT_ERR' || err.name === 'AbortError') {
    return {
      reason: 'timeout',
      message: `Docker at ${ctx.dockerHost} did not answer ${ctx.request} within ${ctx.timeoutMs} ms`,
    };
  }

  if (status === undefined) {
    if (code === 'EACCES' || code === 'EPERM') {
      return {
        reason: 'permission-denied',
        message: `permission denied on ${where} (${code}): run the monitor in the socket's group (PGID or group_add) or point DOCKER_HOST at a socket proxy`,
      };
    }
    if ((code && UNREACHABLE_CODES.has(code)) || typeof err.syscall === 'string' || /socket hang up/i.test(text(err))) {
      return { reason: 'docker-unreachable', message: unreachableMessage(ctx, code ?? 'connection closed') };
    }
    return {
      reason: 'bad-response',
      message: `Docker at ${ctx.dockerHost} failed ${ctx.request}: ${clip(text(err))}`,
    };
  }

  const daemonMessage = messageOf(err.json) ?? causeIn(text(err));
  if (status === 404 && /no such container/i.test(daemonMessage ?? text(err))) {
    return { reason: 'container-missing', message: `container ${ctx.container} not found` };
  }
  if (status === 401 || status === 403) {
    const proxyHint =
      ctx.target.kind === 'http'
        ? 'the socket proxy must allow CONTAINERS=1 (and PING=1, VERSION=1)'
        : 'the daemon refused the request';
    return {
      reason: 'permission-denied',
      message: `permission denied: Docker at ${ctx.dockerHost} refused ${ctx.request} (HTTP ${status}); ${proxyHint}`,
    };
  }
  if (status === 501 && /logging driver/i.test(daemonMessage ?? '')) {
    return {
      reason: 'bad-response',
      message: `Docker cannot read the logs of ${ctx.container}: its logging driver does not support reading (use json-file or local)`,
    };
  }
  if (status === 404) {
    return {
      reason: 'bad-response',
      message: `Docker at ${ctx.dockerHost} does not know ${ctx.request} (HTTP 404${daemonMessage ? `: ${clip(daemonMessage)}` : ''}); is DOCKER_HOST a Docker Engine API?`,
    };
  }
  return {
    reason: 'bad-response',
    message: `Docker at ${ctx.dockerHost} answered ${ctx.request} with HTTP ${status}${daemonMessage ? `: ${clip(daemonMessage)}` : ''}`,
  };
}

function unreachableMessage(ctx: FailureContext, code: string): string {
  const base = `Docker is unreachable at ${ctx.dockerHost} (${code})`;
  if (ctx.target.kind === 'unix') {
    if (code === 'ECONNREFUSED') return `${base}: the socket exists but no Docker daemon is listening on it`;
    return `${base}: mount the socket or set DOCKER_HOST to a socket proxy`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `${base}: host ${ctx.target.host} not found; is the monitor on the socket proxy's network?`;
  }
  return `${base}: is the Docker daemon or socket proxy running and DOCKER_HOST right?`;
}

function messageOf(json: unknown): string | undefined {
  if (typeof json === 'string') return json.trim() || undefined;
  if (typeof json === 'object' && json !== null && 'message' in json) {
    const message = (json as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/** docker-modem's message is `(HTTP code 501) unexpected - <daemon message> `; for streamed calls it is the only copy. */
function causeIn(message: string): string | undefined {
  const match = /^\(HTTP code \d+\) [^-]*- ([\s\S]*)$/.exec(message);
  const cause = match?.[1]?.trim();
  return cause && cause !== '[object Object]' ? cause : undefined;
}

function text(err: ErrorLike): string {
  return typeof err.message === 'string' ? err.message : String(err.message ?? 'unknown error');
}

/** One line, at most 300 characters, secrets hidden: daemon and library messages are not ours. */
export function clip(message: string): string {
  const line = redact(message.replace(/\s+/g, ' ').trim());
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
