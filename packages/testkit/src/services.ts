import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import type {} from './global-setup.ts';

/** The admin URL of the test PostgreSQL server (from the global setup). */
export function testDatabaseServerUrl(): string {
  return inject('databaseUrl');
}

export function testRedisUrl(): string {
  return inject('redisUrl');
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database of its own (call once per test file, in beforeAll). For one with the
 * suite's schema, use `createTestDatabase` from `@autoalex/db/testing`, which migrates this one.
 */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const server = testDatabaseServerUrl();
  const name = `autoalex_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(server, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}

/** A random BullMQ prefix, so test files never see each other's queues. */
export function testQueuePrefix(): string {
  return `test-${randomBytes(5).toString('hex')}`;
}
