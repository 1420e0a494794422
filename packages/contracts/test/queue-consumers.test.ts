import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUEUE_NAMES, QUEUES, type QueueName } from '../src/index.ts';

// Every queue names the service that consumes it (queues.ts). This reads the services' sources
// and checks both ways: a declared consumer runs the queue's worker (`runWorker({ queue: … })` or
// runtime's `consumeQueue(ctx, …)`); a consumer marked `notYet` does not yet (drop `notYet` when
// it does); and no service takes jobs of a queue declared for another. A file read, not an import.

const services = join(import.meta.dirname, '..', '..', '..', 'services');
const WORKER = [/runWorker\(\s*\{\s*queue:\s*'([a-z-]+)'/g, /consumeQueue\(\s*[\w.]+\s*,\s*'([a-z-]+)'/g];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Queue → the services whose sources run a worker for it. */
function consumedBy(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const service of readdirSync(services)) {
    const src = join(services, service, 'src');
    if (!existsSync(src)) continue;
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of WORKER) {
        for (const match of text.matchAll(pattern)) {
          const queue = match[1] as string;
          const list = found.get(queue) ?? [];
          if (!list.includes(service)) list.push(service);
          found.set(queue, list);
        }
      }
    }
  }
  return found;
}

const workers = consumedBy();
const declared = QUEUE_NAMES.map((queue) => [queue, QUEUES[queue].consumer] as const);

describe('queue consumers', () => {
  it('finds the workers it checks', () => {
    expect(workers.get('interactions')).toEqual(['interactions']);
  });

  it.each(declared)('%s names an existing service as its consumer', (_queue, consumer) => {
    expect(existsSync(join(services, consumer.service, 'package.json'))).toBe(true);
  });

  it.each(declared.filter(([, c]) => c.notYet === undefined))(
    '%s is consumed by its declared service',
    (queue, consumer) => {
      expect(workers.get(queue) ?? [], `services/${consumer.service} should run the ${queue} worker`).toEqual([
        consumer.service,
      ]);
    },
  );

  it.each(declared.filter(([, c]) => c.notYet !== undefined))(
    '%s is not consumed yet, and says why',
    (queue, consumer) => {
      expect(consumer.notYet).toMatch(/\S/);
      // Once a service runs this worker, its declaration must drop `notYet`.
      expect(workers.get(queue) ?? []).toEqual([]);
    },
  );

  it('no service runs a worker for a queue that is not declared', () => {
    const unknown = [...workers.keys()].filter((queue) => !QUEUE_NAMES.includes(queue as QueueName));
    expect(unknown).toEqual([]);
  });
});
