import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/free-port.ts';
import { type EmbeddedPostgres, type EmbeddedPostgresOptions, startEmbeddedPostgres } from '../src/postgres.ts';
import { canReach, postgresOwner, reachableBinaries } from '../src/postgres-as-root.ts';

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

const asRoot = process.getuid?.() === 0;
const cannotRun = canRunPostgres() ? '' : ' (skipped: running as root and this system has no "postgres" user)';

// initdb plus two starts: 1.6 s measured here (vitest run packages/stack/test/postgres.test.ts).
describe.skipIf(!canRunPostgres())(`startEmbeddedPostgres${cannotRun}`, () => {
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

// From a clone in a folder other users cannot enter (mktemp -d, /root), run as root (ADR 0220).
describe.skipIf(!asRoot || !canRunPostgres())(
  `as root, beside a folder the postgres user cannot enter${asRoot ? cannotRun : ' (skipped: not running as root)'}`,
  () => {
    it('runs a copy of binaries that user cannot reach, and removes the copy when asked', () => {
      const closed = mkdtempSync(join(tmpdir(), 'autoalex-closed-')); // 0700, root's
      try {
        mkdirSync(join(closed, 'native', 'bin'), { recursive: true });
        mkdirSync(join(closed, 'native', 'share'));
        for (const name of ['initdb', 'postgres']) {
          writeFileSync(join(closed, 'native', 'bin', name), '#!/bin/sh\n', { mode: 0o755 });
        }
        const owner = postgresOwner();
        const installed = { initdb: join(closed, 'native/bin/initdb'), postgres: join(closed, 'native/bin/postgres') };
        expect(canReach(owner, installed.initdb)).toBe(false);
        const bins = reachableBinaries(installed, owner);
        expect(bins.initdb).not.toBe(installed.initdb);
        expect(canReach(owner, bins.initdb) && canReach(owner, bins.postgres)).toBe(true);
        expect(existsSync(join(bins.initdb, '..', '..', 'share'))).toBe(true);
        bins.remove();
        expect(existsSync(bins.initdb)).toBe(false);
      } finally {
        rmSync(closed, { recursive: true, force: true });
      }
    });

    it('stops with one sentence when DATA_DIR is in such a folder', async () => {
      const closed = mkdtempSync(join(tmpdir(), 'autoalex-closed-'));
      try {
        await expect(startEmbeddedPostgres({ dataDir: join(closed, 'data') })).rejects.toThrow(
          `PostgreSQL runs as the "postgres" user here (npm start runs as root), and that user cannot enter ${closed}: set DATA_DIR to a folder it can reach (for example /var/lib/autoalex), run npm start as a normal user, or set DATABASE_URL`,
        );
      } finally {
        rmSync(closed, { recursive: true, force: true });
      }
    });
  },
);
