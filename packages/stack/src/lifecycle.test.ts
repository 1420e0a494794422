import { describe, expect, it } from 'vitest';
import { Lifecycle } from './lifecycle.ts';

describe('Lifecycle', () => {
  it('stops the parts in reverse order, once, after the start-up settled, and reports a failing stop', async () => {
    const log: string[] = [];
    const lifecycle = new Lifecycle();
    for (const name of ['postgres', 'redis', 'services']) {
      lifecycle.add({
        name,
        stop: async () => {
          log.push(`stop ${name}`);
          if (name === 'redis') throw new Error('already gone');
        },
        force: () => log.push(`force ${name}`),
      });
    }
    let finishStartup = () => {};
    const startup = new Promise<void>((resolve) => {
      finishStartup = resolve;
    });
    const errors: string[] = [];
    const first = lifecycle.shutdown(startup, (name, err) => errors.push(`${name}: ${(err as Error).message}`));
    expect(lifecycle.stopping).toBe(true);
    await Promise.resolve();
    expect(log).toEqual([]);
    finishStartup();
    await first;
    await lifecycle.shutdown();
    expect(log).toEqual(['stop services', 'stop redis', 'stop postgres']);
    expect(errors).toEqual(['redis: already gone']);
    lifecycle.force();
    expect(log.slice(3)).toEqual(['force services', 'force redis', 'force postgres']);
  });
});
