import { createRequire } from 'node:module';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import {
  type FakeDiscord,
  generateInteractionKeys,
  type InteractionHandle,
  type JsonObject,
  signedInteractionHeaders,
  startFakeDiscord,
} from '@autoalex/discord/testing';
import { type FakePlex, householdLibrary, startFakePlex } from '@autoalex/plex/testing';
import { freePort, type LogLine, type SpawnedService, spawnService } from '@autoalex/runtime/testing';
import { type FakeTautulli, startFakeTautulli } from '@autoalex/tautulli/testing';
import { type PrivateRedis, startPrivateRedis, testQueuePrefix } from '@autoalex/testkit';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startTcpProxy, type TcpProxy } from './proxy.ts';
import { createRemixFixture } from './remix-fixture.ts';

/**
 * The suite as a chaos case runs it (ADR 0230): the real services as processes against the fake
 * Discord (and, where asked, the fake Plex and Tautulli), a redis-server of the case's own that it
 * kills and starts again, and a fresh database reached through a TCP proxy that it can cut. A
 * service can be killed with SIGKILL and started again on the same port and environment.
 */

export type ServiceName = 'gateway' | 'interactions' | 'web' | 'library-worker' | 'remix-worker' | 'monitor';

const PORT_VARIABLE: Record<ServiceName, string> = {
  gateway: 'GATEWAY_PORT',
  interactions: 'INTERACTIONS_PORT',
  web: 'WEB_PORT',
  'library-worker': 'LIBRARY_WORKER_PORT',
  'remix-worker': 'REMIX_WORKER_PORT',
  monitor: 'MONITOR_PORT',
};

const firstBeat = (line: LogLine) => line.msg === 'heartbeat: first beat written';

/** Log lines that say a service is up and doing its job (each one, in any order). */
const READY: Record<ServiceName, ((line: LogLine) => boolean)[]> = {
  gateway: [(line) => typeof line.msg === 'string' && line.msg.startsWith('shard 0 ready'), firstBeat],
  interactions: [(line) => line.msg === 'answering interactions from the queue', firstBeat],
  web: [firstBeat],
  'library-worker': [firstBeat],
  'remix-worker': [firstBeat],
  monitor: [firstBeat],
};

/** Guard timings short enough for a case to see a deferral and a busy reply in seconds (ADR 0002). */
export const DEFER_AFTER_MS = 1500;
export const BUSY_AFTER_MS = 4000;
/** Discord's limit for the first response. */
export const DISCORD_DEADLINE_MS = 3000;

export interface ChaosSuiteOptions {
  /** Started, and waited for, before `startChaosSuite` resolves. */
  services: readonly ServiceName[];
  /** Given a port and an environment but left to the case to `start` (after `setServiceEnv`, say). */
  standby?: readonly ServiceName[];
  /** A fake Plex with the household library (set by `remix` too). */
  plex?: boolean;
  /**
   * What a remix needs: test-made Demucs models and a track of `seconds` that the fake Plex serves
   * as every track (`remix-fixture.ts`); the remix-worker gets its folders.
   */
  remix?: { seconds: number };
  /** A fake Tautulli on the same library. */
  tautulli?: boolean;
  /** Extra variables for every service, then per service. */
  env?: Record<string, string>;
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}

export interface RunningService {
  readonly name: ServiceName;
  readonly port: number;
  /** The current process (a new one after `restart`). */
  readonly process: SpawnedService;
  /** Every process this service ran, oldest first (the killed ones keep their logs). */
  readonly history: readonly SpawnedService[];
}

export interface ChaosSuite {
  fake: FakeDiscord;
  redis: PrivateRedis;
  /** The proxy every service reaches Postgres through: `cut()` is Postgres going away. */
  postgres: TcpProxy;
  /** A direct connection to the test database (not through the proxy), for assertions. */
  sql: postgres.Sql;
  plex: FakePlex | undefined;
  tautulli: FakeTautulli | undefined;
  prefix: string;
  service(name: ServiceName): RunningService;
  /** SIGKILL: no shutdown hook runs, as with an OOM kill. */
  kill(name: ServiceName): Promise<void>;
  /** Starts the service (again: same port and environment) and waits until it is ready. */
  start(name: ServiceName): Promise<void>;
  /** Sets variables for the service's next start. */
  setServiceEnv(name: ServiceName, env: Record<string, string>): void;
  /** A slash command through the gateway, as Discord dispatches it. */
  slash(name: string, options?: unknown[]): InteractionHandle;
  /** The same through the web service's HTTP interactions endpoint (a signed POST). */
  httpSlash(name: string, options?: unknown[]): ReturnType<FakeDiscord['sendHttpInteraction']>;
  /**
   * A signed POST of exactly these bytes to the HTTP endpoint (for bodies the fake cannot build, such
   * as nesting deeper than JSON.stringify goes); the fake Discord knows nothing of it.
   */
  httpRaw(body: string): Promise<{ status: number; body: unknown }>;
  /** GET /api/health on web: status, body and how long it took. */
  apiHealth(): Promise<{ status: number; ms: number; body: Record<string, unknown> }>;
  /** Every process's warnings and errors so far (and its stderr), to print when a case fails. */
  report(): string;
  /** Stops every process and server; call in afterAll. */
  close(): Promise<void>;
}

/**
 * The suite for the tests of one file or describe block: started before them, stopped after them,
 * with the shared checks (`useChaosChecks`). Call it at the top of the file or block.
 */
export function useChaosSuite(options: ChaosSuiteOptions): () => ChaosSuite {
  let suite: ChaosSuite | undefined;
  beforeAll(async () => {
    suite = await startChaosSuite(options);
  });
  afterAll(async () => {
    await suite?.close();
  });
  useChaosChecks(() => suite);
  return () => {
    if (!suite) throw new Error('chaos: the suite exists only inside tests');
    return suite;
  };
}

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/**
 * Registers the checks every chaos case shares, after each test: every body the suite sent was
 * valid for Discord; and when the test failed, what the processes warned about, to see why.
 */
export function useChaosChecks(suite: () => ChaosSuite | undefined): void {
  afterEach((context) => {
    const current = suite();
    if (!current) return;
    if (context.task.result?.state === 'fail') console.error(current.report());
    expect(current.fake.violations, 'every body the suite sent is valid for Discord').toEqual([]);
  });
}

/** A slash command's `data`; options are taken as given, hostile ones included. */
function commandData(name: string, options: unknown[] | undefined): JsonObject {
  return { name, type: 1, ...(options ? { options: options as JsonObject[] } : {}) };
}

/** The file `@autoalex/<name>/main` names (require.resolve: vitest has no import.meta.resolve). */
function serviceEntry(name: ServiceName): string {
  return createRequire(import.meta.url).resolve(`@autoalex/${name}/main`);
}

export async function startChaosSuite(options: ChaosSuiteOptions): Promise<ChaosSuite> {
  const closers: (() => Promise<unknown>)[] = [];
  const running = new Map<ServiceName, { port: number; env: Record<string, string>; history: SpawnedService[] }>();
  try {
    const [fake, redis, database] = await Promise.all([
      startFakeDiscord(),
      startPrivateRedis(),
      createTestDatabase() as Promise<TestDatabase>,
    ]);
    closers.push(
      () => fake.close(),
      () => redis.close(),
      () => database.drop(),
    );
    const target = new URL(database.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    closers.push(() => proxy.close());
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    closers.push(() => sql.end({ timeout: 1 }));

    const library = householdLibrary();
    const remix = options.remix ? await createRemixFixture(options.remix.seconds) : undefined;
    if (remix) closers.push(async () => remix.remove());
    const plex = options.plex || remix ? await startFakePlex(library, remix ? { audio: remix.audio } : {}) : undefined;
    if (plex) closers.push(() => plex.close());
    const tautulli = options.tautulli ? await startFakeTautulli(plex?.library ?? library) : undefined;
    if (tautulli) closers.push(() => tautulli.close());

    // The application's key pair: web checks with the public half, the cases sign raw bodies too.
    const keys = generateInteractionKeys();
    const prefix = testQueuePrefix();
    const common: Record<string, string> = {
      DATABASE_URL: proxy.url(database.url),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.restOptions.api,
      INTERACTION_DEFER_AFTER_MS: String(DEFER_AFTER_MS),
      INTERACTION_BUSY_AFTER_MS: String(BUSY_AFTER_MS),
      RATE_LIMIT_PER_USER: '1000',
      RATE_LIMIT_PER_GUILD: '1000',
      ...(plex ? { PLEX_URL: plex.url, PLEX_TOKEN: plex.token } : {}),
      ...(tautulli ? { TAUTULLI_URL: tautulli.url, TAUTULLI_API_KEY: tautulli.apiKey } : {}),
      ...options.env,
    };

    async function launch(name: ServiceName): Promise<void> {
      const entry = running.get(name);
      if (!entry) throw new Error(`chaos: ${name} is not part of this suite`);
      const current = entry.history.at(-1);
      if (current && current.child.exitCode === null && current.child.signalCode === null) {
        throw new Error(`chaos: ${name} is still running`);
      }
      const service = spawnService(serviceEntry(name), entry.env);
      entry.history.push(service);
      try {
        for (const match of READY[name]) await service.waitForLog(match);
      } catch (err) {
        await service.stop('SIGKILL');
        throw err;
      }
    }

    for (const name of [...options.services, ...(options.standby ?? [])]) {
      const port = await freePort();
      const env: Record<string, string> = {
        ...common,
        [PORT_VARIABLE[name]]: String(port),
        ...(name === 'web' ? { DISCORD_PUBLIC_KEY: keys.publicKey } : {}),
        ...(name === 'remix-worker' && remix ? remix.env : {}),
        ...options.serviceEnv?.[name],
      };
      running.set(name, { port, env, history: [] });
    }
    closers.push(async () => {
      await Promise.all(
        [...running.values()].flatMap((entry) => entry.history.map((service) => service.stop('SIGKILL'))),
      );
    });
    await Promise.all(options.services.map((name) => launch(name)));

    const suite: ChaosSuite = {
      fake,
      redis,
      postgres: proxy,
      sql,
      plex,
      tautulli,
      prefix,
      service(name) {
        const entry = running.get(name);
        const current = entry?.history.at(-1);
        if (!entry || !current) throw new Error(`chaos: ${name} is not part of this suite`);
        return { name, port: entry.port, process: current, history: entry.history };
      },
      async kill(name) {
        const exit = await suite.service(name).process.stop('SIGKILL');
        if (exit.signal !== 'SIGKILL') throw new Error(`chaos: ${name} had already exited (${JSON.stringify(exit)})`);
      },
      start: launch,
      setServiceEnv(name, env) {
        const entry = running.get(name);
        if (!entry) throw new Error(`chaos: ${name} is not part of this suite`);
        Object.assign(entry.env, env);
      },
      slash(name, commandOptions) {
        return fake.injectInteraction({ type: 2, data: commandData(name, commandOptions) });
      },
      httpSlash(name, commandOptions) {
        const url = `http://127.0.0.1:${suite.service('web').port}/interactions`;
        return fake.sendHttpInteraction(
          url,
          { type: 2, data: commandData(name, commandOptions) },
          { privateKey: keys.privateKey },
        );
      },
      async httpRaw(body) {
        const url = `http://127.0.0.1:${suite.service('web').port}/interactions`;
        const headers = signedInteractionHeaders(keys.privateKey, body);
        const response = await fetch(url, { method: 'POST', headers, body });
        const text = await response.text();
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
        return { status: response.status, body: json };
      },
      async apiHealth() {
        const started = Date.now();
        const response = await fetch(`http://127.0.0.1:${suite.service('web').port}/api/health`);
        const body = (await response.json()) as Record<string, unknown>;
        return { status: response.status, ms: Date.now() - started, body };
      },
      report() {
        const parts: string[] = [];
        for (const [name, entry] of running) {
          entry.history.forEach((service, run) => {
            const lines = service.logs.filter((line) => (LEVELS[String(line.level)] ?? 0) >= 40).slice(-30);
            const stderr = service.stderr().trim();
            if (lines.length === 0 && !stderr) return;
            parts.push(`── ${name} (run ${run + 1}) ──`, ...lines.map((line) => JSON.stringify(line)));
            if (stderr) parts.push(`stderr: ${stderr.slice(-2000)}`);
          });
        }
        return parts.join('\n') || '(no warnings from any process)';
      },
      async close() {
        for (const close of closers.splice(0).reverse()) await close().catch(() => {});
      },
    };
    return suite;
  } catch (err) {
    for (const close of closers.splice(0).reverse()) await close().catch(() => {});
    throw err;
  }
}
