import { randomUUID } from 'node:crypto';
import { redact } from '@autoalex/config';
import { type DestinationStream, destination, type Logger, type LoggerOptions, pino } from 'pino';
import { instanceId } from './instance.ts';
import { redactLine } from './redact-line.ts';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'api_key',
  'apikey',
  'authorization',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'sessionSecret',
  'encryptionKey',
  'cookie',
];

/** Structured paths whose values are replaced with "[redacted]" wherever they appear in a log object. */
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'headers.authorization',
  'headers.cookie',
  'headers["x-plex-token"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-plex-token"]',
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

export interface LoggerSettings {
  service: string;
  level: string;
  /** Defaults to the process's instance id. */
  instance?: string;
  /** Values that must never be written (the service's secret configuration values). */
  secrets?: readonly string[];
  /** Where lines go; stdout (synchronously) by default. */
  destination?: DestinationStream;
}

/**
 * A pino JSON logger that stamps every line with `service` and `instance` and keeps secrets out:
 * secret-named fields are censored by path, message strings go through `redact()` (tokens in
 * query strings, `Authorization:` headers, URL credentials), and the finished line is scrubbed of
 * every known secret value.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const secrets = (settings.secrets ?? []).filter((value) => value.length >= 6);
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: settings.service, instance: settings.instance ?? instanceId() },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method) {
        const cleaned = args.map((arg) => (typeof arg === 'string' ? redact(arg, secrets) : arg));
        method.apply(this, cleaned as Parameters<typeof method>);
      },
      streamWrite: (line) => redactLine(line, secrets),
    },
  };
  // Synchronous writes to stdout: lines stay in order and nothing is lost when the process exits
  // right after logging (a fatal error, the end of shutdown). Log volume is low enough for that.
  return pino(options, settings.destination ?? destination({ fd: 1, sync: true }));
}

/** A child logger for one request or job; a new correlation id is made when none is given. */
export function withCorrelation(
  logger: Logger,
  correlationId?: string,
  bindings: Record<string, unknown> = {},
): Logger {
  return logger.child({ ...bindings, correlationId: correlationId ?? randomUUID() });
}
