import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

// `npm run migrate` runs src/migrate-cli.ts: config from the environment, one line on failure, exit code.

const cli = join(import.meta.dirname, '..', 'src', 'migrate-cli.ts');
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});

afterAll(async () => {
  await database?.drop();
});

function runCli(env: Record<string, string>) {
  // Run from another directory: migrations must be found relative to the package.
  const result = spawnSync(process.execPath, [cli], {
    cwd: '/',
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('migrate CLI', () => {
  it('migrates DATABASE_URL and exits 0', async () => {
    const first = runCli({ DATABASE_URL: database.url });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^migrate: applied \d+ migrations? /);
    const second = runCli({ DATABASE_URL: database.url });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/up to date/);
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ t: string | null }[]>`select to_regclass('public.users')::text as t`;
      expect(row?.t).toBe('users');
    } finally {
      await sql.end();
    }
  });

  it('explains a missing DATABASE_URL in one line and exits non-zero', () => {
    const result = runCli({});
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^migrate: failed: DATABASE_URL: is required/);
  });

  it('reports an unreachable database in one line without the password', () => {
    const result = runCli({ DATABASE_URL: 'postgres://postgres:hunter22secret@127.0.0.1:1/autoalex' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^migrate: failed: .*ECONNREFUSED/);
    expect(result.stderr).not.toContain('hunter22secret');
  });
});
