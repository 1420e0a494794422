import { Writable } from 'node:stream';
import type { RuntimeContext, ShutdownHook } from '../src/context.ts';
import { createHealth } from '../src/health.ts';
import { createLogger } from '../src/logger.ts';
import { createMetrics } from '../src/metrics.ts';
import { createShutdown } from '../src/shutdown.ts';

/** A runtime context as runService builds it, with the log lines kept in memory. */
export function testContext(service = 'test-service', instance = 'test-host-1') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ service, instance, level: 'debug', destination });
  const shutdown = createShutdown({ logger, timeoutMs: 5000 });
  const ctx: RuntimeContext = {
    service,
    instance,
    logger,
    health: createHealth({ service, instance }),
    metrics: createMetrics({ service }),
    onShutdown: (name: string, hook: ShutdownHook) => shutdown.add(name, hook),
  };
  return { ctx, shutdown, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
