import type { Health } from './health.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

export type ShutdownHook = () => Promise<void> | void;

/** What `runService` hands to a service's `start`. */
export interface ServiceContext<C> {
  /** The service name, e.g. "gateway". */
  service: string;
  /** This replica: host name and process id. */
  instance: string;
  config: C;
  logger: Logger;
  health: Health;
  metrics: Metrics;
  /** Registers cleanup; hooks run in reverse order of registration on SIGTERM/SIGINT. */
  onShutdown(name: string, hook: ShutdownHook): void;
}

/** The parts of the context that the runtime helpers need. */
export type RuntimeContext = Omit<ServiceContext<unknown>, 'config'>;
