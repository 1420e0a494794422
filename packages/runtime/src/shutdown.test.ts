import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { createShutdown } from './shutdown.ts';

function quietLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ service: 'test', level: 'debug', destination }), lines };
}

describe('createShutdown', () => {
  it('runs hooks in reverse order of registration', async () => {
    const { logger } = quietLogger();
    const shutdown = createShutdown({ logger, timeoutMs: 5000 });
    const order: string[] = [];
    for (const name of ['redis', 'postgres', 'http server', 'heartbeat'])
      shutdown.add(name, () => void order.push(name));
    expect(await shutdown.run('SIGTERM')).toBe(true);
    expect(order).toEqual(['heartbeat', 'http server', 'postgres', 'redis']);
  });

  it('keeps going after a failing hook and logs it', async () => {
    const { logger, lines } = quietLogger();
    const shutdown = createShutdown({ logger, timeoutMs: 5000 });
    const order: string[] = [];
    shutdown.add('first', () => void order.push('first'));
    shutdown.add('broken', async () => {
      throw new Error('boom');
    });
    shutdown.add('last', () => void order.push('last'));
    expect(await shutdown.run('SIGTERM')).toBe(true);
    expect(order).toEqual(['last', 'first']);
    expect(lines.join('')).toContain('shutdown: broken failed');
  });

  it('gives up at the deadline, names the hook still running and starts no further hook', async () => {
    const { logger, lines } = quietLogger();
    const shutdown = createShutdown({ logger, timeoutMs: 100 });
    const ran: string[] = [];
    shutdown.add('redis', () => void ran.push('redis'));
    shutdown.add('worker', () => new Promise<void>(() => {}));
    shutdown.add('heartbeat', () => void ran.push('heartbeat'));
    expect(await shutdown.run('SIGTERM')).toBe(false);
    expect(ran).toEqual(['heartbeat']);
    expect(lines.join('')).toContain('while \\"worker\\" was still running');
  });

  it('runs once: a second signal gets the same result', async () => {
    const { logger } = quietLogger();
    const shutdown = createShutdown({ logger, timeoutMs: 5000 });
    let calls = 0;
    shutdown.add('once', () => {
      calls += 1;
    });
    const first = shutdown.run('SIGTERM');
    const second = shutdown.run('SIGINT');
    expect(shutdown.running).toBe(true);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(calls).toBe(1);
  });

  it('lets a start in progress register its hooks before running them', async () => {
    const { logger } = quietLogger();
    const shutdown = createShutdown({ logger, timeoutMs: 5000 });
    const order: string[] = [];
    shutdown.add('redis', () => void order.push('redis'));
    let finishStart!: () => void;
    const starting = new Promise<void>((resolve) => {
      finishStart = resolve;
    }).then(() => shutdown.add('http server', () => void order.push('http server')));
    const result = shutdown.run('SIGTERM', starting);
    finishStart();
    expect(await result).toBe(true);
    expect(order).toEqual(['http server', 'redis']);
  });
});
