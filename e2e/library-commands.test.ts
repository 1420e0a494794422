import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, consoleStreamKey, createBus, createMeta } from '@autoalex/contracts';
import { createDb, type DbClient, linkPlexUser, upsertUser } from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { readConsoleEntry } from '@autoalex/discord';
import { progressBar } from '@autoalex/listening';
import {
  createFakeLibrary,
  type FakeLibrary,
  type FakePlex,
  householdLibrary,
  startFakePlex,
} from '@autoalex/plex/testing';
import { createLogger, createRedis, type Redis } from '@autoalex/runtime';
import { freePort, type LogLine, type SpawnedService } from '@autoalex/runtime/testing';
import { type FakeTautulli, startFakeTautulli } from '@autoalex/tautulli/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlexRun, alex } from './support/alex.ts';
import { firstBeat, type ServiceName, startService } from './support/services.ts';

// The library commands end to end, through bin/alex: the real library-worker syncs a seeded fake
// Plex + Tautulli into a fresh database, the real interactions service answers /completion,
// /compare and /usage from it (and Tautulli live), and the real monitor, watching a Plex that is
// down, opens an incident that /status shows. Every percentage below is worked out by hand from
// householdLibrary() in @autoalex/plex/testing.

const prefix = testQueuePrefix();
const dataDir = mkdtempSync(join(tmpdir(), 'alex-e2e-'));
/** The identity bin/alex acts as (packages/console: CONSOLE_USER_ID). */
const CONSOLE_USER = '100000000000000001';

let database: TestDatabase;
let pg: DbClient;
let library: FakeLibrary;
let plex: FakePlex;
let tautulli: FakeTautulli;
let brokenPlex: FakePlex;
let redis: Redis;
let bus: Bus;
let libraryWorker: SpawnedService;
const running: SpawnedService[] = [];

const syncFinished = (match: (line: LogLine) => boolean) => (line: LogLine) =>
  line.msg === 'library sync finished' && match(line);

async function start(name: ServiceName, env: Record<string, string>, ready: ((line: LogLine) => boolean)[]) {
  const service = await startService(name, env, ready);
  running.push(service);
  return service;
}

beforeAll(async () => {
  database = await createTestDatabase();
  pg = createDb(database.url, { max: 2 });
  redis = createRedis(testRedisUrl(), { logger: createLogger({ service: 'e2e', level: 'silent' }) });
  bus = createBus({ connection: testRedisUrl(), prefix });
  library = createFakeLibrary(householdLibrary());
  [plex, tautulli, brokenPlex] = await Promise.all([
    startFakePlex(library),
    startFakeTautulli(library),
    startFakePlex(householdLibrary()),
  ]);
  await brokenPlex.down('refused');

  const base = { DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, LOG_LEVEL: 'info' };
  const upstreams = {
    PLEX_URL: plex.url,
    PLEX_TOKEN: plex.token,
    TAUTULLI_URL: tautulli.url,
    TAUTULLI_API_KEY: tautulli.apiKey,
  };
  [libraryWorker] = await Promise.all([
    // A fresh database: the worker's first job is a full sync.
    start('library-worker', { ...base, ...upstreams, LIBRARY_WORKER_PORT: String(await freePort()) }, [
      firstBeat,
      syncFinished((line) => line.job === 'sync-full'),
    ]),
    start(
      'interactions',
      // Every run is the same console user: keep the per-user rate limit out of the way.
      { ...base, ...upstreams, INTERACTIONS_PORT: String(await freePort()), RATE_LIMIT_PER_USER: '1000' },
      [(line) => line.msg === 'answering interactions from the queue', firstBeat],
    ),
    // Watching a Plex that refuses connections, one failure opens an incident at the first round.
    start(
      'monitor',
      {
        ...base,
        MONITOR_PORT: String(await freePort()),
        PLEX_URL: brokenPlex.url,
        PLEX_TOKEN: brokenPlex.token,
        PLEX_POLL_INTERVAL: '3600',
        MONITOR_FAILURE_THRESHOLD: '1',
        MONITOR_SERVICES: 'none',
        DOCKER_HOST: '',
      },
      [(line) => line.msg === 'first check round finished', firstBeat],
    ),
  ]);
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.stop('SIGTERM')));
  await bus?.close();
  redis?.disconnect();
  await pg?.close();
  await Promise.all([plex?.close(), tautulli?.close(), brokenPlex?.close()]);
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** bin/alex against this suite. */
function run(...args: string[]): Promise<AlexRun> {
  return alex(args, { DATA_DIR: dataDir, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix });
}

/** The headline of a completion answer: the bar, the share and the counts. */
function share(percent: number, text: string, listened: number, total: number): string {
  return `${progressBar(percent / 100)} ${text} — ${listened} of ${total} tracks`;
}

/** The answer's text, without the card (its size varies with the font rendering). */
function answerLines(out: AlexRun): string[] {
  return out.stdout.split('\n\n📎 ')[0]!.trimEnd().split('\n');
}

describe('bin/alex completion after a sync', () => {
  it('prints the exact shares of the seeded household', async () => {
    const [aliceMiles, bobMiles, carolMiles, aliceEvans, aliceTrane, aliceVarious, aliceBrubeck, byIds] =
      await Promise.all([
        run('completion', 'artist=Miles Davis', 'user=alice_plex'),
        run('completion', 'artist=miles davis', 'user=Bob'),
        run('completion', 'artist=Miles Davis', 'user=carol_plex'),
        run('completion', 'artist=Bill Evans', 'user=alice_plex'),
        run('completion', 'artist=John Coltrane', 'user=alice_plex'),
        run('completion', 'artist=Various Artists', 'user=alice_plex'),
        run('completion', 'artist=Dave Brubeck', 'user=alice_plex'),
        // what Discord sends when both are picked from the suggestions
        run('completion', 'artist=artist:5001', 'user=1001'),
      ]);

    expect(aliceMiles.code).toBe(0);
    expect(aliceMiles.stderr).toBe('Autoalex is working on it…\n');
    expect(answerLines(aliceMiles)).toEqual([
      'Alice × Miles Davis',
      share(85.7, '85.7 %', 6, 7),
      '',
      'In progress:',
      `  ${progressBar(0.5, 10)} 1/2  Bitches Brew (1970)`,
      'Finished (2): Kind of Blue, Jazz Compilation',
      'Last play: Milestones (Jazz Compilation) on 2026-01-10, 90 %',
      '(a play counts when Tautulli marks it played or it reached 50 %)',
    ]);
    // The card goes along (the console lists it; Discord shows it in the embed).
    expect(aliceMiles.stdout).toMatch(/^📎 completion\.png \(\d+ kB\)$/m);

    // A track played by two users counts for each.
    expect(bobMiles.stdout).toContain(`Bob × Miles Davis\n${share(42.9, '42.9 %', 3, 7)}\n`);
    // A user with no plays.
    expect(answerLines(carolMiles)).toEqual([
      'Carol × Miles Davis',
      share(0, '0 %', 0, 7),
      '',
      'Not started: 3 albums',
      'No plays yet.',
      '(a play counts when Tautulli marks it played or it reached 50 %)',
    ]);
    // An artist with no plays.
    expect(aliceEvans.stdout).toContain(`Alice × Bill Evans\n${share(0, '0 %', 0, 2)}\n`);
    expect(aliceEvans.stdout).toContain('Not started: 1 album\nNo plays yet.');
    // Album artist plus the compilation track the artist plays on.
    expect(aliceTrane.stdout).toContain(`Alice × John Coltrane\n${share(25, '25 %', 1, 4)}\n`);
    // The various-artists album counts every track on it for its album artist.
    expect(aliceVarious.stdout).toContain(`Alice × Various Artists\n${share(33.3, '33.3 %', 1, 3)}\n`);
    // A name known only as a track artist on the compilation.
    expect(aliceBrubeck.stdout).toContain(`Alice × Dave Brubeck\n${share(0, '0 %', 0, 1)}\n`);
    expect(byIds.stdout).toContain(`Alice × Miles Davis\n${share(85.7, '85.7 %', 6, 7)}\n`);
    for (const out of [bobMiles, carolMiles, aliceEvans, aliceTrane, aliceVarious, aliceBrubeck, byIds]) {
      expect(out.code).toBe(0);
    }
  });

  it('answers an unknown artist, a typo, an unknown user and an unlinked invoker clearly (exit 1)', async () => {
    const [unknown, typo, nobody, unlinked] = await Promise.all([
      run('completion', 'artist=Nobody Special', 'user=alice_plex'),
      run('completion', 'artist=Miles Davs', 'user=alice_plex'),
      run('completion', 'artist=Miles Davis', 'user=zed'),
      run('completion', 'artist=Miles Davis'),
    ]);
    expect(unknown).toMatchObject({
      code: 1,
      stdout: '(only you can see this)\n\n"Nobody Special" is not an artist in the Plex library.\n',
    });
    expect(typo.stdout).toContain('"Miles Davs" is not an artist in the Plex library. Did you mean: Miles Davis?');
    expect(nobody.code).toBe(1);
    expect(nobody.stdout).toContain(
      '"zed" is not a Plex user Autoalex knows (Tautulli\'s users, as of the last library sync).',
    );
    expect(unlinked.code).toBe(1);
    expect(unlinked.stdout).toContain(
      'your Discord account is not linked to one yet. Name a Plex user instead: /completion artist:<artist> user:<Plex user>',
    );
  });

  it("defaults to the invoker's linked Plex user", async () => {
    const user = await upsertUser(pg.db, { discordId: CONSOLE_USER, discordUsername: 'alex-console' });
    expect(await linkPlexUser(pg.db, user.id, { plexUserId: 1002, plexUsername: 'bob_plex' })).toMatchObject({
      ok: true,
    });
    const out = await run('completion', 'artist=Miles Davis');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Bob × Miles Davis\n${share(42.9, '42.9 %', 3, 7)}\n`);
  });
});

describe('bin/alex compare', () => {
  it('puts two users side by side, and refuses one user twice', async () => {
    const [battle, same] = await Promise.all([
      run('compare', 'artist=Miles Davis', 'user1=alice_plex', 'user2=bob_plex'),
      run('compare', 'artist=Miles Davis', 'user1=1001', 'user2=Alice'),
    ]);
    expect(battle.code).toBe(0);
    expect(answerLines(battle)).toEqual([
      'Alice vs Bob — Miles Davis',
      `Alice  ${progressBar(0.857, 16)}  85.7 %  6/7 tracks, 2 albums finished`,
      `Bob    ${progressBar(0.429, 16)}  42.9 %  3/7 tracks, 1 album finished`,
      'Alice leads by 3 tracks.',
      'Finished by Alice, not Bob: Kind of Blue, Jazz Compilation',
      'Finished by Bob, not Alice: Bitches Brew',
    ]);
    expect(battle.stdout).toMatch(/^📎 compare\.png \(\d+ kB\)$/m);
    expect(same).toMatchObject({
      code: 1,
      stdout: '(only you can see this)\n\nuser1 and user2 are both Alice — pick two different Plex users.\n',
    });
  });
});

describe('after a re-added album', () => {
  it('still counts the plays of its old rating keys (a sync relinks them)', async () => {
    library.remove(5102);
    const renamed = library.readd(5102);
    expect(renamed.get('5211')).not.toBe('5211');
    const jobId = await bus.enqueue('library', 'sync-incremental', { meta: createMeta() });
    await libraryWorker.waitForLog(syncFinished((line) => line.jobId === jobId));

    const [alice, bob] = await Promise.all([
      run('completion', 'artist=Miles Davis', 'user=alice_plex'),
      run('completion', 'artist=Miles Davis', 'user=bob_plex'),
    ]);
    expect(alice.stdout).toContain(`Alice × Miles Davis\n${share(85.7, '85.7 %', 6, 7)}\n`);
    expect(alice.stdout).toContain('Bitches Brew (1970)');
    expect(bob.stdout).toContain(`Bob × Miles Davis\n${share(42.9, '42.9 %', 3, 7)}\n`);
  });
});

describe('autocomplete from the mirror', () => {
  it('suggests artists, Plex users and tracks from Postgres', async () => {
    expect(await suggest('completion', 'artist', 'mil')).toEqual([{ name: 'Miles Davis', value: 'artist:5001' }]);
    expect(await suggest('compare', 'user2', 'bo')).toEqual([{ name: 'Bob (bob_plex)', value: '1002' }]);
    expect(await suggest('boost', 'track', 'so wh')).toEqual([
      { name: 'So What — Miles Davis (Kind of Blue)', value: '5201' },
    ]);
  });
});

describe('bin/alex usage', () => {
  it('says nothing is playing, then shows a live track, then says when Tautulli cannot tell', async () => {
    const quiet = await run('usage');
    expect(quiet).toMatchObject({ code: 0, stdout: 'Nothing is playing right now.\n' });

    const session = library.startSession({ user: 1001, track: 5201, progress: 21 });
    try {
      const live = await run('usage');
      expect(live.code).toBe(0);
      const lines = live.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^Now playing — 1 stream, 1 direct play/);
      expect(lines.slice(2, 4)).toEqual(['▶ Alice: Miles Davis – So What', '  Kind of Blue']);
      expect(lines[5]).toMatch(new RegExp(`^ {2}${progressBar(0.21, 16)} 21 % \\(1:58 / 9:22\\)$`));
      const others = await run('usage', 'user=bob_plex');
      expect(others.stdout).toBe('Bob is not playing anything right now (1 other stream).\n');

      tautulli.setPlexConnected(false);
      const blind = await run('usage');
      expect(blind).toMatchObject({
        code: 1,
        stdout: 'Tautulli is up but has no connection to Plex, so it cannot tell what is playing.\n',
      });
      tautulli.setPlexConnected(true);

      await tautulli.down('refused');
      const down = await run('usage');
      expect(down.code).toBe(1);
      expect(down.stdout).toMatch(/^Tautulli is unreachable right now \(.+\)\.\n$/);
      expect(down.stdout).not.toContain(tautulli.apiKey);
    } finally {
      await tautulli.up();
      tautulli.setPlexConnected(true);
      library.stopSession(session.sessionKey);
    }
  });
});

describe('bin/alex status', () => {
  it("shows the monitor's open incident beside the suite's health", async () => {
    const out = await run('status');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^== Autoalex: /m);
    expect(out.stdout).toMatch(/^\S+ library-worker · \w+, 1 replica/m);
    expect(out.stdout).toMatch(/^== Monitor: 1 open incident ==$/m);
    expect(out.stdout).toMatch(/^❌ Plex · down for [\w ]+ \(incident #\d+\) — .+$/m);
  });
});

/** Sends an autocomplete interaction as bin/alex would (it has no way to type one) and reads the choices. */
async function suggest(command: string, option: string, typed: string): Promise<unknown> {
  const sessionId = randomUUID();
  const id = String(((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) + BigInt(Math.floor(Math.random() * 4096)));
  await bus.enqueue('interactions', 'interaction', {
    interaction: {
      id,
      application_id: '100000000000000009',
      type: 4,
      token: sessionId,
      version: 1,
      guild_id: '100000000000000002',
      channel_id: '100000000000000003',
      member: { user: { id: CONSOLE_USER, username: 'alex-console' }, permissions: '0', roles: [] },
      data: { id, name: command, type: 1, options: [{ name: option, type: 3, value: typed, focused: true }] },
    },
    receivedAt: Date.now(),
    source: 'console',
    meta: createMeta({ requestedBy: CONSOLE_USER }),
  });
  const key = consoleStreamKey(prefix, sessionId);
  let last = '0-0';
  let choices: unknown;
  try {
    for (;;) {
      const read = (await redis.xread('BLOCK', 10_000, 'STREAMS', key, last)) as
        | [string, [string, string[]][]][]
        | null;
      if (read === null) throw new Error(`no answer to the ${command} autocomplete within 10 s`);
      for (const [, entries] of read) {
        for (const [entryId, fields] of entries) {
          last = entryId;
          const entry = readConsoleEntry(fields);
          if (entry.type === 'final') return choices;
          if (entry.type === 'message') choices = (entry.message.body.data as { choices: unknown }).choices;
        }
      }
    }
  } finally {
    await redis.del(key);
  }
}
