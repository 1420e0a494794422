import { randomUUID } from 'node:crypto';
import { ConfigError, type Env } from '@autoalex/config';
import { createBus, createMeta } from '@autoalex/contracts';
import { DeployError } from '@autoalex/discord';
import { Redis } from 'ioredis';
import { parseArgs, USAGE, UsageError } from './args.ts';
import { ask, type Output } from './ask.ts';
import {
  buildInteraction,
  buildOptions,
  CONSOLE_APPLICATION_ID,
  CONSOLE_GUILD_ID,
  CONSOLE_USER_ID,
  commandFor,
} from './build-interaction.ts';
import { catalogueJson, catalogueText } from './commands-list.ts';
import { findRedis, readConsoleEnvironment } from './config.ts';
import { deploy } from './deploy.ts';

export const EXIT = { ok: 0, answeredError: 1, usage: 2, unreachable: 3 } as const;

const FIRST_ANSWER_MS = 15_000;
const DEFAULT_TOTAL_MS = 15 * 60_000;

export interface ConsoleIo extends Output {
  /** Repository root: `.env` and DATA_DIR are found from here. */
  root: string;
  env: Env;
}

/** The whole console: argv in, exit status out. Never throws for bad input or an absent suite. */
export async function runConsole(argv: readonly string[], io: ConsoleIo): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (err) {
    return usage(io, err);
  }
  if (args.flags.help || args.command === undefined) {
    io.answer(USAGE);
    return args.command === undefined && !args.flags.help ? EXIT.usage : EXIT.ok;
  }
  if (args.command === 'commands') {
    io.answer(args.flags.json ? catalogueJson() : catalogueText());
    return EXIT.ok;
  }

  let environment: ReturnType<typeof readConsoleEnvironment>;
  try {
    environment = readConsoleEnvironment(io.root, io.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.note(`alex: ${err.message}`);
      return EXIT.usage;
    }
    throw err;
  }
  const { config } = environment;

  if (args.command === 'deploy-commands') {
    try {
      io.answer(await deploy(config, { guild: args.flags.guild, global: args.flags.global }));
      return EXIT.ok;
    } catch (err) {
      if (err instanceof DeployError) {
        io.note(`alex: ${err.message}`);
        return err.reason === 'invalid' ? EXIT.usage : EXIT.unreachable;
      }
      throw err;
    }
  }

  let request: { interaction: ReturnType<typeof buildInteraction>; sessionId: string };
  const sessionId = randomUUID();
  const identity = {
    userId: args.flags.as ?? CONSOLE_USER_ID,
    guildId: args.flags.guild ?? config.DISCORD_DEV_GUILD_ID ?? CONSOLE_GUILD_ID,
    applicationId: config.DISCORD_APPLICATION_ID ?? CONSOLE_APPLICATION_ID,
    admin: !args.flags.member,
  };
  try {
    const command = commandFor(args.command);
    const options = buildOptions(command, { command: args.command, words: args.words, options: args.options });
    request = { interaction: buildInteraction(command, options, identity, sessionId, Date.now()), sessionId };
  } catch (err) {
    return usage(io, err);
  }

  const redisUrl = findRedis(environment);
  if (!redisUrl) {
    io.note(
      'alex: no Redis to talk to: REDIS_URL is not set and no `npm start` is running here (data/stack.json). Start the suite with `npm start`, or set REDIS_URL.',
    );
    return EXIT.unreachable;
  }
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: () => null,
    connectionName: `${config.QUEUE_PREFIX}:alex-console`,
  });
  let lastError: Error | undefined;
  redis.on('error', (err: Error) => {
    lastError = err; // reported below, once
  });
  const bus = createBus({ connection: redisUrl, prefix: config.QUEUE_PREFIX });
  try {
    await redis.connect();
    const result = await ask(
      { redis, bus, queuePrefix: config.QUEUE_PREFIX, out: io, now: Date.now },
      request.interaction,
      createMeta({ requestedBy: identity.userId, guildId: identity.guildId }),
      {
        json: args.flags.json,
        firstAnswerMs: FIRST_ANSWER_MS,
        totalMs: args.flags.timeout === undefined ? DEFAULT_TOTAL_MS : args.flags.timeout * 1000,
      },
    );
    if (result.status === 'unreachable') {
      io.note(`alex: ${result.message}`);
      return EXIT.unreachable;
    }
    return result.status === 'ok' ? EXIT.ok : EXIT.answeredError;
  } catch (err) {
    const cause = lastError ?? err;
    const detail = (cause instanceof Error ? cause.message : String(cause)).replace(/\.+$/, '');
    io.note(`alex: cannot reach Redis at ${hostOf(redisUrl)} (${detail}). Is the suite running (\`npm start\`)?`);
    return EXIT.unreachable;
  } finally {
    await bus.close().catch(() => {});
    redis.disconnect();
  }
}

function usage(io: Output, err: unknown): number {
  if (!(err instanceof UsageError)) throw err;
  io.note(`alex: ${err.message}`);
  io.note('Run bin/alex --help for how to use it.');
  return EXIT.usage;
}

/** host:port of a Redis URL, never its password. */
function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}
