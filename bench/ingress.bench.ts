// `npm run bench -- ingress`: interaction ingress → first response, through the bus, against the same
// handler called directly. See ADR 0171 for what is measured where.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createBus, createMeta, type InteractionJob, runWorker } from '@autoalex/contracts';
import { createDb } from '@autoalex/db';
import { createDiscordRest } from '@autoalex/discord';
import { relayInteraction } from '@autoalex/gateway/relay-interaction';
import { createDeadlineGuard, createRestResponder, type GuardOutcome, redisClaims } from '@autoalex/ingress';
import { createServiceDeps, handleInteraction } from '@autoalex/interactions/in-process';
import { createLogger, createRedis, type Redis } from '@autoalex/runtime';
import { freePort, spawnService } from '@autoalex/runtime/testing/spawn-service';
import { type ArgSpec, BenchUsageError, parseArgs } from './lib/args.ts';
import { BENCH_GUILD_ID, countingLogger, createInteractionSource } from './lib/interactions.ts';
import { openLoop } from './lib/open-loop.ts';
import { startDedicatedRedis } from './lib/redis-server.ts';
import type { BenchReport, BenchRow } from './lib/report.ts';
import { startRestSink } from './lib/rest-sink.ts';
import { summarize } from './lib/stats.ts';

/** The interactions service's entry, for running the real process (require.resolve: vitest has no import.meta.resolve). */
const INTERACTIONS_MAIN = createRequire(import.meta.url).resolve('@autoalex/interactions/main');

const spec = {
  rate: { kind: 'number', default: 200, min: 1, max: 5000, help: 'interactions per second, open loop' },
  duration: { kind: 'number', default: 20, min: 1, max: 3600, help: 'seconds measured per path' },
  block: {
    kind: 'number',
    default: 1,
    min: 1,
    max: 3600,
    help: 'seconds per block; baseline and suite alternate block by block (same background load)',
  },
  warmup: { kind: 'number', default: 3, min: 0, max: 600, help: 'seconds of unmeasured load per path first' },
  worker: {
    kind: 'choice',
    default: 'process',
    choices: ['process', 'in-process'],
    help: 'interactions worker: the real service process, or its worker in this process',
  },
  redis: {
    kind: 'string',
    default: 'dedicated',
    help: '"dedicated" = a redis-server of its own on a free port; or a redis:// URL',
  },
  database: {
    kind: 'string',
    default: 'postgres://postgres@127.0.0.1:5432/postgres',
    help: 'DATABASE_URL of the interactions process (only its health check uses it)',
  },
  command: { kind: 'choice', default: 'help', choices: ['help', 'status'], help: 'slash command sent' },
} satisfies ArgSpec;

type Path = 'baseline' | 'suite';

interface Sent {
  path: Path;
  t0: number;
  /** Suite only: when the gateway side's publish (BullMQ add) resolved, relative to t0. */
  publishMs?: number;
}

/** Where the 20 ms goal of issue #3 is checked. */
const GOAL_P99_MS = 20;
const ANSWER_WAIT_MS = 10_000;
/** The event-loop delay histogram records whole timer intervals: the delay is what exceeds this. */
const LOOP_RESOLUTION_MS = 1;
const LIMIT_OUT_OF_THE_WAY = '1000000';

function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export async function run(argv: string[]): Promise<BenchReport> {
  const args = parseArgs(spec, argv);
  if (args.redis !== 'dedicated' && !/^rediss?:\/\//.test(args.redis)) {
    throw new BenchUsageError(`--redis must be "dedicated" or a redis:// URL (got "${args.redis}")`);
  }
  const cleanup: { name: string; run: () => Promise<unknown> }[] = [];
  const load1Before = loadavg()[0]!;
  try {
    // Redis: a dedicated server, or the one given.
    let redisUrl: string;
    let redisLabel: string;
    if (args.redis === 'dedicated') {
      const server = await startDedicatedRedis();
      cleanup.push({ name: 'redis-server', run: server.stop });
      redisUrl = server.url;
      redisLabel = `dedicated redis-server ${server.version} on a free port (appendonly everysec, noeviction)`;
    } else {
      redisUrl = args.redis;
      redisLabel = `given Redis ${redactUrl(args.redis)}`;
    }
    const prefix = `bench-${randomBytes(4).toString('hex')}`;
    const quiet = createLogger({ service: 'bench', level: 'silent' });

    const sink = await startRestSink();
    cleanup.push({ name: 'REST sink', run: sink.close });

    // Gateway side, as services/gateway/src/main.ts wires it: one Redis connection for the guard's
    // claims, the bus, the deadline guard answering through REST (here: the sink).
    const gatewayRedis = createRedis(redisUrl, { logger: quiet, connectionName: `${prefix}:bench-gateway` });
    cleanup.push({ name: 'gateway redis', run: () => gatewayRedis.quit() });
    if (args.redis !== 'dedicated') {
      // A shared Redis keeps nothing of the run (runs after the workers have stopped).
      cleanup.push({ name: 'bench keys', run: () => deleteKeys(gatewayRedis, `${prefix}:*`) });
    }
    const bus = createBus({ connection: redisUrl, prefix });
    cleanup.push({ name: 'bus', run: () => bus.close() });
    // The handlers' database (connects lazily; /help never queries it).
    const database = createDb(args.database, { max: 2 });
    cleanup.push({ name: 'database', run: () => database.close() });
    const shared = { db: database.db, bus };
    const guardOutcomes = new Map<GuardOutcome, number>();
    const gatewayLog = countingLogger();
    const guard = createDeadlineGuard({
      claims: redisClaims(gatewayRedis, prefix),
      responder: createRestResponder({ apiUrl: sink.apiUrl }),
      logger: gatewayLog,
      onOutcome: (outcome) => guardOutcomes.set(outcome, (guardOutcomes.get(outcome) ?? 0) + 1),
    });
    cleanup.push({ name: 'guard', run: async () => guard.close() });

    // The interactions worker.
    const workerLog = countingLogger();
    let workerLabel: string;
    let collectWorkerProblems = () => {};
    if (args.worker === 'process') {
      const port = await freePort();
      const service = spawnService(INTERACTIONS_MAIN, {
        DATABASE_URL: args.database,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        DISCORD_API_URL: sink.apiUrl,
        INTERACTIONS_PORT: String(port),
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_USER: LIMIT_OUT_OF_THE_WAY,
        RATE_LIMIT_PER_GUILD: LIMIT_OUT_OF_THE_WAY,
      });
      cleanup.push({ name: 'interactions process', run: () => service.stop('SIGTERM') });
      await service.waitForLog((line) => line.msg === 'answering interactions from the queue');
      workerLabel = 'the real interactions service as its own process (services/interactions/src/main.ts)';
      collectWorkerProblems = () => {
        for (const line of service.logs) {
          if (line.level === 'warn' || line.level === 'error') workerLog.warn({}, String(line.msg));
        }
      };
    } else {
      const workerRedis = createRedis(redisUrl, { logger: quiet, connectionName: `${prefix}:bench-interactions` });
      cleanup.push({ name: 'worker redis', run: () => workerRedis.quit() });
      const deps = serviceDeps(workerRedis, prefix, sink.apiUrl, workerLog, shared);
      const worker = runWorker({
        queue: 'interactions',
        connection: redisUrl,
        prefix,
        logger: workerLog,
        handlers: { interaction: (payload, job) => handleInteraction(deps, payload, job.log) },
      });
      cleanup.push({ name: 'interactions worker', run: () => worker.close() });
      await worker.ready;
      workerLabel = 'the interactions worker in this process (runWorker + handleInteraction, wired as main.ts)';
    }

    // Baseline: the same handler, called directly, on its own Redis connection, same REST path.
    const baselineRedis = createRedis(redisUrl, { logger: quiet, connectionName: `${prefix}:bench-baseline` });
    cleanup.push({ name: 'baseline redis', run: () => baselineRedis.quit() });
    const baselineLog = countingLogger();
    const baselineDeps = serviceDeps(baselineRedis, prefix, sink.apiUrl, baselineLog, shared);

    const sent = new Map<string, Sent>();
    const unanswered = new Set<string>();
    let allAnswered: (() => void) | undefined;
    sink.onCallback((id) => {
      if (unanswered.delete(id) && unanswered.size === 0) allAnswered?.();
    });
    const nextInteraction = createInteractionSource(args.command);

    const fire = (path: Path, measured: boolean) => (sequence: number) => {
      const raw = nextInteraction(sequence);
      const id = raw.id as string;
      const t0 = performance.now();
      const record: Sent = { path, t0 };
      if (measured) {
        sent.set(id, record);
        unanswered.add(id);
      }
      if (path === 'suite') {
        void relayInteraction({ bus, guard, logger: gatewayLog }, raw).then(() => {
          record.publishMs = performance.now() - t0;
        });
      } else {
        const receivedAt = Date.now();
        const member = raw.member as { user: { id: string } };
        const job: InteractionJob = {
          interaction: raw as InteractionJob['interaction'],
          receivedAt,
          source: 'gateway',
          meta: createMeta({ requestedBy: member.user.id, guildId: BENCH_GUILD_ID }, receivedAt),
        };
        void handleInteraction(baselineDeps, job, baselineLog).catch((err: unknown) => {
          baselineLog.error({}, err instanceof Error ? err.message : String(err));
        });
      }
    };

    if (args.warmup > 0) {
      await openLoop(args.rate, args.warmup * 1000, fire('baseline', false));
      await openLoop(args.rate, args.warmup * 1000, fire('suite', false));
    }
    const late: Record<Path, number[]> = { baseline: [], suite: [] };
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loopDelay.enable();
    const blocks = Math.ceil(args.duration / args.block);
    for (let i = 0; i < blocks; i++) {
      const seconds = Math.min(args.block, args.duration - i * args.block);
      for (const path of ['baseline', 'suite'] as const) {
        const result = await openLoop(args.rate, seconds * 1000, fire(path, true));
        late[path].push(...result.lateMs);
      }
    }

    loopDelay.disable();
    // Every measured interaction's first response, or give up after ANSWER_WAIT_MS.
    if (unanswered.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ANSWER_WAIT_MS);
        allAnswered = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    // The guard's deferral step (2.2 s after receipt) must have run for every suite interaction.
    await guard.drain();
    const load1After = loadavg()[0]!;
    collectWorkerProblems();
    const jobTimes = await queueTimes(bus, sent);

    return report({
      args,
      sent,
      sink,
      late,
      jobTimes,
      guardOutcomes,
      problems: { gateway: gatewayLog.problems, worker: workerLog.problems, baseline: baselineLog.problems },
      context: {
        machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
        'load average (1 min) before / after': `${load1Before.toFixed(2)} / ${load1After.toFixed(2)}`,
        'event-loop delay of this process p50 / p99 / max (ms)': [50, 99, 100]
          .map((p) => Math.max(0, loopDelay.percentile(p) / 1e6 - LOOP_RESOLUTION_MS).toFixed(1))
          .join(' / '),
        node: process.version,
        load: `${args.rate}/s open loop, ${args.duration} s per path in ${args.block} s blocks (baseline and suite alternating), ${args.warmup} s warm-up per path`,
        command: `/${args.command} (ephemeral answer with embeds)`,
        redis: redisLabel,
        'queue prefix': prefix,
        'suite path':
          'relayInteraction (gateway: publishInteraction + deadline guard, 2200 ms deferral) in this process → interactions queue → worker → REST sink',
        'interactions worker': `${workerLabel}, concurrency 16`,
        baseline:
          'handleInteraction(deps, job) called directly in this process: same router, handler, Redis claims and rate limit, same @discordjs/rest callback',
        'first response':
          'the callback request arriving at a node:http sink in this process (performance.now), from just before the interaction is handed over',
      },
    });
  } finally {
    const failures: string[] = [];
    for (const step of cleanup.reverse()) {
      await step.run().catch((err: unknown) => failures.push(`${step.name}: ${(err as Error).message}`));
    }
    if (failures.length > 0) console.error(`bench ingress: cleanup problems: ${failures.join('; ')}`);
  }
}

/** From BullMQ's own job timestamps (1 ms clock): queue wait (added → taken) and the worker's time per job. */
async function queueTimes(
  bus: ReturnType<typeof createBus>,
  sent: Map<string, Sent>,
): Promise<{ waitMs: number[]; workMs: number[] }> {
  const waitMs: number[] = [];
  const workMs: number[] = [];
  const jobs = await bus.queue('interactions').getJobs(['completed'], 0, -1);
  for (const job of jobs) {
    const id = job.id?.replace(/^interaction-/, '');
    if (id === undefined || sent.get(id)?.path !== 'suite') continue;
    if (job.processedOn !== undefined) waitMs.push(job.processedOn - job.timestamp);
    if (job.processedOn !== undefined && job.finishedOn !== undefined) workMs.push(job.finishedOn - job.processedOn);
  }
  return { waitMs, workMs };
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

function serviceDeps(
  redis: Redis,
  queuePrefix: string,
  apiUrl: string,
  logger: { warn(o: object, m: string): void },
  shared: Pick<Parameters<typeof createServiceDeps>[0], 'db' | 'bus'>,
) {
  return createServiceDeps({
    ...shared,
    listenedThreshold: 50,
    remixLimits: { activePerUser: 1, perDay: 20 },
    redis,
    queuePrefix,
    rest: createDiscordRest({ api: apiUrl }),
    instance: `bench-${process.pid}`,
    limits: { windowMs: 10_000, perUser: Number(LIMIT_OUT_OF_THE_WAY), perGuild: Number(LIMIT_OUT_OF_THE_WAY) },
    logger,
  });
}

interface ReportInput {
  args: { rate: number; duration: number; block: number; warmup: number; worker: string; redis: string };
  sent: Map<string, Sent>;
  sink: Awaited<ReturnType<typeof startRestSink>>;
  late: Record<Path, number[]>;
  jobTimes: { waitMs: number[]; workMs: number[] };
  guardOutcomes: Map<GuardOutcome, number>;
  problems: Record<string, Map<string, number>>;
  context: Record<string, string>;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
const pair = (s: { p50: number; p99: number }) => `${round(s.p50)} / ${round(s.p99)}`;

function report(input: ReportInput): BenchReport {
  const { sent, sink } = input;
  const latency: Record<Path, number[]> = { baseline: [], suite: [] };
  const counts: Record<Path, { sent: number; answered: number; deferred: number; twice: number }> = {
    baseline: { sent: 0, answered: 0, deferred: 0, twice: 0 },
    suite: { sent: 0, answered: 0, deferred: 0, twice: 0 },
  };
  const publish: number[] = [];
  for (const [id, record] of sent) {
    const c = counts[record.path];
    c.sent++;
    if (record.publishMs !== undefined) publish.push(record.publishMs);
    const arrivals = sink.callbacks.get(id) ?? [];
    if (arrivals.length === 0) continue;
    c.answered++;
    if (arrivals.length > 1) c.twice++;
    if (arrivals[0]!.type !== 4) c.deferred++;
    latency[record.path].push(arrivals[0]!.at - record.t0);
  }
  const base = summarize(latency.baseline);
  const suite = summarize(latency.suite);
  const lateBase = summarize(input.late.baseline);
  const lateSuite = summarize(input.late.suite);
  const pub = summarize(publish);
  const row = (metric: string, b: number, s: number, overhead = true): BenchRow => ({
    metric,
    values: { baseline: round(b), suite: round(s), ...(overhead ? { 'bus overhead': round(s - b) } : {}) },
  });
  const rows: BenchRow[] = [
    { metric: 'interactions sent', values: { baseline: counts.baseline.sent, suite: counts.suite.sent } },
    { metric: 'first responses', values: { baseline: counts.baseline.answered, suite: counts.suite.answered } },
    row('first response p50 (ms)', base.p50, suite.p50),
    row('first response p95 (ms)', base.p95, suite.p95),
    row('first response p99 (ms)', base.p99, suite.p99),
    row('first response max (ms)', base.max, suite.max),
    { metric: 'gateway publish p50 / p99 (ms)', values: { suite: pair(pub) } },
    { metric: 'queue wait p50 / p99 (ms, 1 ms clock)', values: { suite: pair(summarize(input.jobTimes.waitMs)) } },
    { metric: 'worker job p50 / p99 (ms, 1 ms clock)', values: { suite: pair(summarize(input.jobTimes.workMs)) } },
    {
      metric: 'first response not type 4',
      values: { baseline: counts.baseline.deferred, suite: counts.suite.deferred },
    },
    { metric: 'answered more than once', values: { baseline: counts.baseline.twice, suite: counts.suite.twice } },
    row('generator late p99 (ms)', lateBase.p99, lateSuite.p99, false),
  ];
  const overheadP99 = suite.p99 - base.p99;
  const lost = counts.baseline.sent - counts.baseline.answered + counts.suite.sent - counts.suite.answered;
  const problems = Object.entries(input.problems).flatMap(([who, map]) =>
    [...map].map(([msg, n]) => `${who}: ${n} × ${msg}`),
  );
  const other = [...sink.other].map(([shape, n]) => `${n} × ${shape}`);
  const notes = [
    'bus overhead = suite − baseline, per percentile (a difference of percentiles, not a percentile of differences).',
    `goal (issue #3): bus overhead p99 under ${GOAL_P99_MS} ms — ${overheadP99 < GOAL_P99_MS ? 'met' : 'NOT met'} (${round(overheadP99)} ms).`,
    `deadline guard outcomes (warm-up included): ${[...input.guardOutcomes].map(([o, n]) => `${o} ${n}`).join(', ') || 'none'}.`,
    ...(lost > 0 ? [`${lost} interaction(s) got no first response within ${ANSWER_WAIT_MS / 1000} s.`] : []),
    ...(other.length > 0 ? [`other requests at the sink: ${other.join(', ')}`] : []),
    ...(problems.length > 0 ? [`warnings and errors logged: ${problems.join('; ')}`] : []),
    `command: npm run bench -- ingress --rate ${input.args.rate} --duration ${input.args.duration} --block ${input.args.block} --warmup ${input.args.warmup} --worker ${input.args.worker} --redis ${input.args.redis === 'dedicated' ? 'dedicated' : '<url>'}`,
  ];
  return {
    title: 'Interaction ingress → first response, through the bus vs the handler called directly',
    context: input.context,
    rows,
    notes,
  };
}
