import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { core, database, redis, servicePort } from './index.ts';
import { ConfigError, loadConfig } from './load.ts';

const shape = { ...core, ...database, ...redis, ...servicePort('gateway') };

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(shape, { DATABASE_URL: 'postgres://a@b/c', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.GATEWAY_PORT).toBe(8081);
    expect(config.QUEUE_PREFIX).toBe('autoalex');
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig(shape, { REDIS_URL: 'redis//nope', GATEWAY_PORT: '70000', LOG_LEVEL: '' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: is required/);
    expect(problems.join('\n')).toMatch(/REDIS_URL: must be a redis:\/\//);
    expect(problems.join('\n')).toMatch(/GATEWAY_PORT: must be between 1 and 65535/);
    expect((error as Error).message).toMatch(/^configuration has 3 problems:/);
  });

  it('never echoes a value in its messages', () => {
    expect(() => loadConfig(shape, { DATABASE_URL: 'mysql://user:hunter22@db', REDIS_URL: 'redis://x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter22') }),
    );
  });

  it('treats an empty string as unset and reads *_FILE secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autoalex-config-'));
    const file = join(dir, 'db-url');
    writeFileSync(file, 'postgres://u:p@db/autoalex\n');
    const config = loadConfig(shape, { DATABASE_URL: '', DATABASE_URL_FILE: file, REDIS_URL: 'redis://r:6379' });
    expect(config.DATABASE_URL).toBe('postgres://u:p@db/autoalex');
  });

  it('names an unreadable *_FILE', () => {
    expect(() => loadConfig(shape, { DATABASE_URL_FILE: '/nonexistent/secret', REDIS_URL: 'redis://r' })).toThrow(
      /DATABASE_URL_FILE: cannot read \/nonexistent\/secret \(ENOENT\)/,
    );
  });
});
