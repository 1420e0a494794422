import { type Bus, QUEUES, type QueueName } from '@autoalex/contracts';
import { queueTarget, targetLabel } from '@autoalex/monitoring';
import { describeError } from '@autoalex/runtime';
import type { CheckResult, Probe } from './types.ts';

export interface QueuesProbeOptions {
  bus: Bus;
  queues: readonly QueueName[];
  /** More waiting jobs than this in one queue is a backlog. */
  threshold: number;
}

/**
 * Backlogs: BullMQ's count of waiting jobs (prioritized ones included) per queue. A queue whose
 * consumer has not landed (`notYet` in its declaration) says so, so /status explains its backlog.
 */
export function queuesProbe(options: QueuesProbeOptions): Probe {
  return {
    name: 'queues',
    targets: options.queues.map((name) => {
      const id = queueTarget(name);
      return { id, kind: 'queue' as const, label: targetLabel(id) };
    }),
    timeoutStatus: 'unknown',
    async check() {
      const entries = await Promise.all(
        options.queues.map(async (name): Promise<[string, CheckResult]> => {
          try {
            const counts = await options.bus.queue(name).getJobCounts('waiting', 'prioritized', 'active', 'delayed');
            const judged = judgeQueue(counts, options.threshold);
            const notYet = QUEUES[name].consumer.notYet;
            return [
              queueTarget(name),
              notYet ? { ...judged, detail: `${judged.detail}; not consumed yet: ${notYet}` } : judged,
            ];
          } catch (err) {
            return [
              queueTarget(name),
              { status: 'unknown', detail: `cannot count jobs in Redis: ${describeError(err)}` },
            ];
          }
        }),
      );
      return Object.fromEntries(entries);
    },
  };
}

export function judgeQueue(counts: Record<string, number>, threshold: number): CheckResult {
  const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
  const active = counts.active ?? 0;
  const delayed = counts.delayed ?? 0;
  const detail = `${waiting} waiting (backlog above ${threshold}), ${active} running, ${delayed} delayed`;
  return { status: waiting > threshold ? 'down' : 'up', detail };
}
