import {
  type Bus,
  createBus,
  type JobEndHooks,
  type JobHandlers,
  type QueueName,
  type RunningWorker,
  runWorker,
} from '@autoalex/contracts';
import type { ServiceContext } from '../context.ts';

type BusConfig = { REDIS_URL: string; QUEUE_PREFIX: string };
type BusContext = Pick<ServiceContext<BusConfig>, 'config' | 'onShutdown'>;

/** The job bus on the service's Redis and QUEUE_PREFIX, closed on shutdown. */
export function useBus(ctx: BusContext): Bus {
  const bus = createBus({ connection: ctx.config.REDIS_URL, prefix: ctx.config.QUEUE_PREFIX });
  ctx.onShutdown('bus', () => bus.close());
  return bus;
}

export interface ConsumeOptions<Q extends QueueName = QueueName> {
  /** Registers the `queue` check in /healthz, `ok` with this detail while the worker runs. */
  readonly healthDetail?: string;
  /** Runs when shutdown reaches the worker, before it stops taking jobs. */
  readonly onStop?: () => void;
  /** "This job has ended for good" hooks (runWorker's `ended`, ADR 0229). */
  readonly ended?: JobEndHooks<Q>;
}

/**
 * Takes jobs of `queue` with one handler per job name. The shutdown hook (`<queue> worker`) stops
 * taking jobs, aborts the running handlers' signals and waits for them (or hands them back).
 * Resolves once the worker is connected.
 */
export async function consumeQueue<Q extends QueueName>(
  ctx: Pick<ServiceContext<BusConfig>, 'config' | 'onShutdown' | 'logger' | 'health'>,
  queue: Q,
  handlers: JobHandlers<Q>,
  options: ConsumeOptions<Q> = {},
): Promise<RunningWorker> {
  const worker = runWorker({
    queue,
    connection: ctx.config.REDIS_URL,
    prefix: ctx.config.QUEUE_PREFIX,
    logger: ctx.logger,
    handlers,
    ...(options.ended ? { ended: options.ended } : {}),
  });
  ctx.onShutdown(`${queue} worker`, async () => {
    options.onStop?.();
    await worker.close({ abortAfterMs: 0 });
  });
  await worker.ready;
  const { healthDetail } = options;
  if (healthDetail) {
    ctx.health.register('queue', async () =>
      worker.worker.isRunning()
        ? { status: 'ok', detail: healthDetail }
        : { status: 'down', detail: `the ${queue} worker is not running` },
    );
  }
  return worker;
}
