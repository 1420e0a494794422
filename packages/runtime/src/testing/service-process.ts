import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type BootedService, bootService } from './boot-service.ts';
import { freePort, type SpawnedService, spawnService } from './spawn-service.ts';

export interface ServiceProcessOptions {
  /** The variable that holds the service's /healthz port, e.g. `PLAYER_PORT`. */
  portVariable: string;
  /** Apply the suite's migrations to the test database (default: an empty database). */
  migrate?: boolean;
}

export interface ServiceStart {
  /** The port /healthz is served on (the port variable's final value). */
  port: number;
  /** The QUEUE_PREFIX of this start. */
  prefix: string;
  env: Record<string, string>;
}

export interface ServiceProcess {
  /** This test file's database: created before its tests, dropped after them. */
  readonly database: TestDatabase;
  /** DATABASE_URL, the test REDIS_URL, a fresh QUEUE_PREFIX and a free port, then `extra` over them. */
  env(extra?: Record<string, string>): Promise<ServiceStart>;
  /** Runs the service with `env(extra)`; it is killed after the test if it is still running. */
  spawn(extra?: Record<string, string>): Promise<ServiceStart & { service: SpawnedService }>;
  /** `spawn`, then waits for the first heartbeat and reads /healthz (see `bootService`). */
  boot(extra?: Record<string, string>): Promise<ServiceStart & BootedService>;
}

/**
 * The boilerplate of a service's process test, registered as vitest hooks of the calling file
 * (call it at the top level): a fresh database for the file, a fresh queue prefix and port per
 * start, and no process left running after a test, whether it passed or not.
 */
export function useServiceProcess(entry: string | URL, options: ServiceProcessOptions): ServiceProcess {
  const path = entry instanceof URL ? fileURLToPath(entry) : entry;
  const running: SpawnedService[] = [];
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: options.migrate ?? false });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((service) => service.stop('SIGKILL')));
  });
  afterAll(async () => {
    await database?.drop();
  });

  function theDatabase(): TestDatabase {
    if (!database) throw new Error('useServiceProcess: the test database exists only inside tests');
    return database;
  }

  async function env(extra: Record<string, string> = {}): Promise<ServiceStart> {
    const prefix = extra.QUEUE_PREFIX ?? testQueuePrefix();
    const vars = {
      DATABASE_URL: theDatabase().url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      [options.portVariable]: String(await freePort()),
      ...extra,
    };
    return { port: Number(vars[options.portVariable]), prefix, env: vars };
  }

  return {
    get database() {
      return theDatabase();
    },
    env,
    async spawn(extra) {
      const start = await env(extra);
      const service = spawnService(path, start.env);
      running.push(service);
      return { ...start, service };
    },
    async boot(extra) {
      const start = await env(extra);
      const booted = await bootService(path, start.env, start.port);
      running.push(booted.service);
      return { ...start, ...booted };
    },
  };
}
