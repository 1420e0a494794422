import { describe, expect, it } from 'vitest';
import { examples, ids } from './examples.ts';
import { parseJob } from './parse.ts';
import { dedupeOptions, JOB_NAMES, jobNames, QUEUE_NAMES, QUEUES, type QueueName } from './queues.ts';

const everyJob = QUEUE_NAMES.flatMap((queue) => jobNames(queue).map((name) => [queue, name] as const));

describe('queue table', () => {
  it('names every queue of the suite', () => {
    expect(QUEUE_NAMES).toEqual([
      'interactions',
      'gateway-send',
      'voice-events',
      'remix',
      'suno',
      'player',
      'library',
      'monitor',
    ]);
    expect(JOB_NAMES.player).toEqual([
      'join',
      'play',
      'pause',
      'resume',
      'skip',
      'loop',
      'playlast',
      'stop',
      'queue',
      'volume',
      'leave',
    ]);
    expect(JOB_NAMES.suno).toEqual(['generate', 'poll', 'callback']);
    expect(JOB_NAMES.library).toEqual(['sync-full', 'sync-incremental', 'enrich-credits', 'sync-top-rated']);
  });

  it('uses names BullMQ accepts and declares sane options', () => {
    for (const queue of QUEUE_NAMES) {
      expect(queue).toMatch(/^[a-z][a-z-]*$/);
      const { options, worker } = QUEUES[queue];
      expect(options.attempts).toBeGreaterThanOrEqual(1);
      if (options.attempts > 1) expect(options.backoff).toBeDefined();
      expect(worker.concurrency).toBeGreaterThanOrEqual(1);
      for (const name of jobNames(queue)) expect(name).toMatch(/^[a-z][a-z-]*$/);
    }
  });

  it.each(everyJob)('%s/%s has a valid example that survives a JSON round trip', (queue, name) => {
    const example = (examples[queue] as Record<string, unknown>)[name];
    const parsed = parseJob(queue, name, example);
    expect(parseJob(queue, name, JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it('dedup keys are valid BullMQ ids (no ":", not a bare integer)', () => {
    let checked = 0;
    for (const [queue, name] of everyJob) {
      const payload = parseJob(queue, name, (examples[queue] as Record<string, unknown>)[name]);
      const { jobId, deduplication } = dedupeOptions(queue, name, payload);
      const key = jobId ?? deduplication?.id;
      if (key === undefined) continue;
      expect(key, `${queue}/${name}`).not.toContain(':');
      expect(String(Number.parseInt(key, 10))).not.toBe(key);
      checked++;
    }
    expect(checked).toBe(9);
  });

  it('deduplicates the jobs whose duplicates would be harmful', () => {
    const dedupe = (queue: QueueName, name: string, payload: unknown) =>
      dedupeOptions(queue, name, parseJob(queue, name, payload));
    expect(dedupe('interactions', 'interaction', examples.interactions.interaction)).toEqual({
      jobId: 'interaction-1300000000000000001',
    });
    expect(dedupe('library', 'sync-full', examples.library['sync-full'])).toEqual({
      deduplication: { id: 'library-sync-full' },
    });
    expect(dedupe('remix', 'remix', examples.remix.remix)).toEqual({ jobId: `remix-${ids.correlation}` });
    expect(dedupe('suno', 'callback', examples.suno.callback)).toEqual({
      jobId: 'suno-callback-5c79be8e2ddc4b3a-complete',
    });
    expect(dedupe('player', 'skip', examples.player.skip)).toEqual({});
  });
});
