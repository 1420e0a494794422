import { describe, expect, it } from 'vitest';
import { core, database, discord, redis } from './index.ts';
import { serviceConfig } from './service-config.ts';

describe('serviceConfig', () => {
  it('is what every service reads (core, redis, its port) plus its own fragments; Postgres only when asked for', () => {
    const shape = serviceConfig('gateway', { ...discord });
    expect(Object.keys(shape)).toEqual([
      ...Object.keys(core),
      ...Object.keys(redis),
      'GATEWAY_PORT',
      ...Object.keys(discord),
    ]);
    expect(shape).not.toHaveProperty('DATABASE_URL');
    expect(serviceConfig('monitor', { ...database })).toHaveProperty('DATABASE_URL', database.DATABASE_URL);
  });
});
