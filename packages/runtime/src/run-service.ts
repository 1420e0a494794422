import { ConfigError, type ConfigOf, type core, type Env, type EnvShape, loadConfig } from '@autoalex/config';
import type { ServiceContext } from './context.ts';
import { createHealth } from './health.ts';
import { instanceId } from './instance.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { secretValues } from './secrets.ts';
import { createShutdown } from './shutdown.ts';

/** sysexits EX_CONFIG: the local supervisor does not restart a service that exits with it. */
export const EXIT_CONFIG = 78;

export interface ServiceDefinition<S extends EnvShape> {
  name: string;
  /** The service's env shape; it must include the `core` fragment. */
  shape: S;
  /** Connects, registers health checks and shutdown hooks, starts serving; resolves once started. */
  start(ctx: ServiceContext<ConfigOf<S>>): Promise<void>;
  /** Defaults to process.env. */
  env?: Env;
}

/**
 * The life cycle every service shares: configuration (exit 78 with every problem on a bad one),
 * logger, crash handlers, `start`, then SIGTERM/SIGINT → shutdown hooks in reverse order within
 * SHUTDOWN_TIMEOUT → exit 0 (1 when the deadline passed).
 */
export async function runService<S extends EnvShape & typeof core>(definition: ServiceDefinition<S>): Promise<void> {
  const { name } = definition;
  let config: ConfigOf<S>;
  try {
    config = loadConfig(definition.shape, definition.env ?? process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`autoalex ${name}: ${err.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
  const base = config as ConfigOf<typeof core>;
  const instance = instanceId();
  const logger = createLogger({
    service: name,
    instance,
    level: base.LOG_LEVEL,
    secrets: secretValues(definition.shape, config as Record<string, unknown>),
  });
  installCrashHandlers(logger);

  const shutdown = createShutdown({ logger, timeoutMs: base.SHUTDOWN_TIMEOUT });
  const health = createHealth({ service: name, instance });
  const metrics = createMetrics({ service: name });
  const ctx: ServiceContext<ConfigOf<S>> = {
    service: name,
    instance,
    config,
    logger,
    health,
    metrics,
    onShutdown: (hookName, hook) => shutdown.add(hookName, hook),
  };

  let started: Promise<void> = Promise.resolve();
  const stop = async (reason: string) => {
    if (shutdown.running) {
      logger.info({ reason }, 'already shutting down');
      return;
    }
    // A start still in progress finishes registering its hooks first, so nothing is left open.
    const ok = await shutdown.run(reason, started);
    process.exit(ok ? 0 : 1);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));

  started = Promise.resolve().then(() => definition.start(ctx));
  try {
    await started;
  } catch (err) {
    logger.fatal({ err }, 'failed to start');
    await shutdown.run('start failed');
    process.exit(1);
  }
  if (!shutdown.running) logger.info({ pid: process.pid }, 'ready');
}

function installCrashHandlers(logger: Logger): void {
  let crashed = false;
  const crash = (kind: string) => (err: unknown) => {
    if (crashed) return;
    crashed = true;
    logger.fatal({ err }, `${kind}: exiting so the supervisor restarts the service`);
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled promise rejection'));
}
