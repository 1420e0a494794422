import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/free-port.ts';
import { type EmbeddedPostgres, type EmbeddedPostgresOptions, startEmbeddedPostgres } from '../src/postgres.ts';

const started: EmbeddedPostgres[] = [];
afterEach(async () => {
  for (const pg of started.splice(0)) await pg.stop(); // no-op when the test stopped it
});
async function start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const pg = await startEmbeddedPostgres(options);
  started.push(pg);
  return pg;
}

/** As root, the server runs as the system's postgres user; without one it cannot run here. */
function canRunPostgres(): boolean {
  if (process.getuid?.() !== 0) return true;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// initdb plus two starts: 1.6 s measured here (vitest run packages/stack/test/postgres.test.ts).
describe.skipIf(!canRunPostgres())('startEmbeddedPostgres', () => {
  it('creates a cluster and the database on first start, keeps the data on the next, and stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'autoalex-pg-'));
    chmodSync(dataDir, 0o755); // as root, the server runs as the postgres user and must reach it
    const port = await findFreePort(45432);

    const first = await start({ dataDir, port });
    expect(first.url).toMatch(new RegExp(`^postgres://postgres:[0-9a-f]{48}@127\\.0\\.0\\.1:${port}/autoalex$`));
    let sql = postgres(first.url, { max: 1, onnotice: () => {} });
    const [row] = await sql`select current_database() as db, current_setting('listen_addresses') as listen`;
    expect(row).toEqual({ db: 'autoalex', listen: '127.0.0.1' });
    await sql`create table kept (id int)`;
    await sql.end();
    await first.stop();
    expect(first.process.running).toBe(false);

    const second = await start({ dataDir, port });
    expect(second.url).toBe(first.url);
    sql = postgres(second.url, { max: 1, onnotice: () => {} });
    expect(await sql`select count(*)::int as n from kept`).toEqual([{ n: 0 }]);
    await sql.end();
    await second.stop();
    await expect(postgres(second.url, { max: 1, connect_timeout: 1 })`select 1`).rejects.toThrow(/ECONNREFUSED/);
  });
});
