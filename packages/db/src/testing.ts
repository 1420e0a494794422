// Test helper: a fresh database with the suite's schema, for integration tests of any package.
import { createEmptyDatabase, type TestDatabase } from '@autoalex/testkit';
import { migrate } from './migrate.ts';

export type { TestDatabase };

/** A fresh database of its own with every migration applied (call once per test file, in beforeAll). */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const database = await createEmptyDatabase();
  if (options.migrate !== false) await migrate(database.url);
  return database;
}
