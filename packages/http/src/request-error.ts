import { isAxiosError } from 'axios';

/** Codes Node and axios give when the server could not be reached or the connection broke (a reach failure, worth a retry). */
export const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ERR_SOCKET_CLOSED',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

export interface RequestFailure {
  /**
   * timeout: no answer in time; too-large: the answer passed axios's maxContentLength;
   * connection: not reached, or the connection broke; other: anything else.
   */
  kind: 'timeout' | 'too-large' | 'connection' | 'other';
  /** The low-level code (ECONNREFUSED…); for `other`, `unknown` unless it is a plain code safe to show. */
  code: string;
}

/**
 * What went wrong with an HTTP request that threw (rather than answering with a status), for the
 * clients of external services to turn into their own error kinds, messages and retry rules.
 */
export function classifyRequestError(err: unknown): RequestFailure {
  const code = isAxiosError(err) ? err.code : (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return { kind: 'timeout', code };
  if (code === 'ERR_BAD_RESPONSE' && isAxiosError(err) && /maxContentLength/.test(err.message))
    return { kind: 'too-large', code };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return { kind: 'connection', code };
  return { kind: 'other', code: typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'unknown' };
}
