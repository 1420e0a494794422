// `npm run bench -- completion [--scale=1] [--database-url=postgres://…] [--samples=300] [--quiet]`
// Library sync throughput (full, then incremental) from Plex/Tautulli wire data into Postgres, and
// /completion answer times after the sync. A worker thread serves 50,000 tracks / 5,000 albums /
// 2,000 artists and 1,000,000 plays (at --scale=1) as Plex JSON and Tautulli API v2 answers; the
// sync under test is the library-worker's own runSync with the real Plex and Tautulli clients.
// Times are also given as ratios to a `select 1` round trip measured in the same run.
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { seededRandom } from '@autoalex/audio/dsp';
import { createDb, migrate } from '@autoalex/db';
import { createSyncTracker, runSync, type SyncDeps } from '@autoalex/library-worker/sync';
import { artistChoices, compare, completion, trackChoices } from '@autoalex/listening';
import { createPlexClient } from '@autoalex/plex';
import { createTautulliClient } from '@autoalex/tautulli';
import {
  API_KEY,
  type LibraryInfo,
  type LibrarySize,
  type Mutation,
  PLEX_TOKEN,
  type WorkerRequest,
} from './completion/library-data.ts';
import type { BenchReport } from './lib/report.ts';
import { summarize } from './lib/stats.ts';

function option(args: string[], name: string, fallback: string): string {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

interface Logger {
  child(bindings: Record<string, unknown>): Logger;
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Prints the sync's phase lines to stderr (the table goes to stdout); `quiet` keeps only problems. */
function progressLogger(quiet: boolean): Logger {
  const logger: Logger = {
    child: () => logger,
    debug: () => {},
    info: (obj, msg) => {
      if (!quiet && msg && /synced|finished|listed$/.test(msg))
        console.error(`  ${msg} ${JSON.stringify(obj).slice(0, 200)}`);
    },
    warn: (obj, msg) => console.error(`  warn: ${msg} ${JSON.stringify(obj)}`),
    error: (obj, msg) => console.error(`  error: ${msg} ${JSON.stringify(obj)}`),
  };
  return logger;
}

function startWire(size: LibrarySize, now: number): Promise<{ worker: Worker; info: LibraryInfo }> {
  const worker = new Worker(new URL('./completion/wire-server.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { type: string; info: LibraryInfo }) => resolve({ worker, info: m.info }));
    worker.postMessage({ type: 'start', size, now } satisfies WorkerRequest);
  });
}

function mutateWire(worker: Worker, change: Mutation, now: number): Promise<LibraryInfo> {
  return new Promise((resolve) => {
    worker.once('message', (m: { info: LibraryInfo }) => resolve(m.info));
    worker.postMessage({ type: 'mutate', change, now } satisfies WorkerRequest);
  });
}

async function timeMany(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn(i);
    out.push(performance.now() - started);
  }
  return out;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function run(args: string[]): Promise<BenchReport> {
  const scale = Number(option(args, 'scale', '1'));
  const samples = Number(option(args, 'samples', '300'));
  const adminUrl = option(args, 'database-url', 'postgres://postgres@127.0.0.1:5432/postgres');
  const quiet = args.includes('--quiet');
  const say = (line: string) => {
    if (!quiet) console.error(line);
  };
  const size: LibrarySize = {
    artists: Math.max(10, Math.round(2000 * scale)),
    albums: Math.max(20, Math.round(5000 * scale)),
    tracks: Math.max(200, Math.round(50_000 * scale)),
    plays: Math.max(1000, Math.round(1_000_000 * scale)),
    users: 20,
  };
  const now = Math.floor(Date.now() / 1000);

  say(`generating ${JSON.stringify(size)} …`);
  const { worker, info } = await startWire(size, now);
  const admin = createDb(adminUrl, { max: 1 });
  const name = `autoalex_bench_${randomBytes(4).toString('hex')}`;
  await admin.sql.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = createDb(url.toString(), { max: 4, applicationName: 'autoalex-bench' });
  try {
    await migrate(url.toString());
    const deps: SyncDeps = {
      db: client.db,
      plex: createPlexClient({ url: info.url, token: PLEX_TOKEN }),
      tautulli: createTautulliClient({ url: info.url, apiKey: API_KEY }),
      logger: progressLogger(quiet),
      tracker: createSyncTracker(),
      overlapMs: 86_400_000,
    };

    say('full sync …');
    const full = await runSync(deps, { mode: 'full' });
    const libraryRows = full.plex!.listed.artists + full.plex!.listed.albums + full.plex!.listed.tracks;
    await client.sql`vacuum analyze`;

    const change: Mutation = {
      plays: Math.max(100, Math.round(10_000 * scale)),
      remove: Math.max(5, Math.round(100 * scale)),
      readd: Math.max(1, Math.round(20 * scale)),
      rename: Math.max(5, Math.round(200 * scale)),
    };
    await mutateWire(worker, change, now);
    say(`incremental sync after ${JSON.stringify(change)} …`);
    const incremental = await runSync(deps, { mode: 'incremental' });
    await client.sql`analyze`;

    // Answer times. Half the samples ask for the artists with the most albums (the heavy answers).
    say('answer times …');
    const random = seededRandom(99);
    const heavy = [...info.artists].sort((a, b) => b.albums - a.albums).slice(0, 20);
    const pick = () =>
      random() < 0.5
        ? heavy[Math.floor(random() * heavy.length)]!
        : info.artists[Math.floor(random() * info.artists.length)]!;
    const user = () => info.users[Math.floor(random() * info.users.length)]!;
    const warm = 30;
    await timeMany(warm, () => client.sql`select 1`);
    const baseline = summarize(await timeMany(samples, () => client.sql`select 1`));
    const countStar = summarize(await timeMany(samples, () => client.sql`select count(*) from plex_artists`));
    await timeMany(warm, () => completion({ db: client.db }, { artist: `artist:${pick().key}`, plexUserId: user() }));
    let kinds = 0;
    const completionTimes = summarize(
      await timeMany(samples, async () => {
        const result = await completion({ db: client.db }, { artist: `artist:${pick().key}`, plexUserId: user() });
        if (result.kind === 'completion') kinds++;
      }),
    );
    const byName = summarize(
      await timeMany(Math.round(samples / 3), () =>
        completion({ db: client.db }, { artist: pick().title, plexUserId: user() }),
      ),
    );
    const compareTimes = summarize(
      await timeMany(Math.round(samples / 3), () =>
        compare({ db: client.db }, { artist: `artist:${pick().key}`, userA: user(), userB: user() }),
      ),
    );
    const fragments = ['blu', 'nig', 'ain', 'ream', 'ver', 'fire', 'moon', 'str', 'ght', 'dan'];
    const autocomplete = summarize(
      await timeMany(Math.round(samples / 3), (i) =>
        artistChoices({ db: client.db }, fragments[i % fragments.length]!),
      ),
    );
    const trackAutocomplete = summarize(
      await timeMany(Math.round(samples / 3), (i) => trackChoices({ db: client.db }, fragments[i % fragments.length]!)),
    );
    const [heaviest] = heavy;
    const heaviestTracks = heaviest
      ? await completion({ db: client.db }, { artist: `artist:${heaviest.key}`, plexUserId: info.users[0]! })
      : undefined;

    const b = baseline.p50;
    const ratio = (ms: number) => round(ms / b, 1);
    /** An answer time, beside its multiple of the baseline. */
    const timed = (metric: string, ms: number, digits?: number) => ({
      metric,
      values: { value: round(ms, digits), 'x baseline': ratio(ms) },
    });
    const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
    return {
      title: 'Library sync and /completion (library-worker runSync + @autoalex/listening on PostgreSQL)',
      context: {
        database: name,
        cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
        memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
        library: `${size.artists} artists, ${size.albums} albums, ${size.tracks} tracks`,
        history: `${info.plays} plays (${full.history!.fetched} at the full sync), ${size.users} users`,
        incremental: `+${change.plays} plays, ${change.remove} tracks deleted, ${change.readd} albums re-added, ${change.rename} renamed`,
        'heaviest artist': heaviestTracks?.kind === 'completion' ? `${heaviestTracks.total} tracks` : '?',
        samples,
        baseline: '`select 1` round trip, same connection pool',
      },
      rows: [
        { metric: 'full sync: library rows', values: { value: libraryRows } },
        { metric: 'full sync: library (ms)', values: { value: full.plex!.ms } },
        { metric: 'full sync: library rows/s', values: { value: perSecond(libraryRows, full.plex!.ms) } },
        { metric: 'full sync: plays', values: { value: full.history!.written } },
        { metric: 'full sync: history (ms)', values: { value: full.history!.ms } },
        { metric: 'full sync: plays/s', values: { value: perSecond(full.history!.written, full.history!.ms) } },
        { metric: 'full sync: total incl. relink (ms)', values: { value: full.ms } },
        {
          metric: 'incremental: library listed rows/s',
          values: { value: perSecond(libraryRows, incremental.plex!.ms) },
        },
        {
          metric: 'incremental: library rows written',
          values: {
            value:
              incremental.plex!.written.artists + incremental.plex!.written.albums + incremental.plex!.written.tracks,
          },
        },
        { metric: 'incremental: plays written', values: { value: incremental.history!.written } },
        { metric: 'incremental: history (ms)', values: { value: incremental.history!.ms } },
        {
          metric: 'incremental: plays/s',
          values: { value: perSecond(incremental.history!.fetched, incremental.history!.ms) },
        },
        {
          metric: 'incremental: relinked plays',
          values: {
            value: incremental.relinked.successor + incremental.relinked.byKey + incremental.relinked.byIdentity,
          },
        },
        { metric: 'incremental: total (ms)', values: { value: incremental.ms } },
        { metric: 'select 1 p50 (ms) [baseline]', values: { value: round(b, 3), 'x baseline': 1 } },
        timed('select count(*) plex_artists p50 (ms)', countStar.p50, 3),
        timed('completion p50 (ms)', completionTimes.p50),
        timed('completion p95 (ms)', completionTimes.p95),
        timed('completion p99 (ms)', completionTimes.p99),
        timed('completion by name p95 (ms)', byName.p95),
        timed('compare p95 (ms)', compareTimes.p95),
        timed('artist autocomplete p95 (ms)', autocomplete.p95),
        timed('track autocomplete p95 (ms)', trackAutocomplete.p95),
      ],
      notes: [
        `completion answered ${kinds}/${samples} samples with a completion view; goal p95 < 100 ms: ${completionTimes.p95 < 100 ? 'met' : 'NOT met'} (${round(completionTimes.p95)} ms).`,
        'The interactions path (/completion through the interactions worker) is not measured: its handler had not landed when this ran.',
      ],
    };
  } finally {
    await client.close();
    await worker.terminate();
    await admin.sql.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.close();
  }
}
