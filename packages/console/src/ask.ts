import {
  type Bus,
  type ConsoleMessage,
  consoleStreamKey,
  type DiscordInteraction,
  type Meta,
} from '@autoalex/contracts';
import { readConsoleEntry } from '@autoalex/discord';
import { readHeartbeats } from '@autoalex/runtime';
import type { Redis } from 'ioredis';
import { renderConsoleMessage } from './render.ts';

export interface Output {
  /** An answer (stdout). */
  answer(text: string): void;
  /** Progress and problems (stderr). */
  note(text: string): void;
}

export interface AskDeps {
  /** Used for blocking reads: give the console its own connection. */
  redis: Redis;
  bus: Pick<Bus, 'enqueue'>;
  queuePrefix: string;
  out: Output;
  now(): number;
}

export interface AskOptions {
  /** Print each answer as one JSON line instead of text. */
  json: boolean;
  /** The interactions service answers within 3 s; past this, something is wrong. */
  firstAnswerMs: number;
  /** Longest wait for the final marker (long jobs such as a remix). */
  totalMs: number;
}

export type AskResult =
  | { status: 'ok' | 'error' }
  /** The suite is not running, did not answer, or the stream broke; `message` says which. */
  | { status: 'unreachable'; message: string };

/** Is an interactions service beating under this prefix? */
export async function interactionsRunning(redis: Redis, queuePrefix: string): Promise<boolean> {
  const { heartbeats } = await readHeartbeats(redis, queuePrefix);
  return heartbeats.some((beat) => beat.service === 'interactions');
}

/**
 * Enqueues one console interaction and prints its answers (follow-ups and edits included) until
 * the final marker, then removes the session's stream.
 */
export async function ask(
  deps: AskDeps,
  interaction: DiscordInteraction,
  meta: Meta,
  options: AskOptions,
): Promise<AskResult> {
  const { redis, queuePrefix, out } = deps;
  if (!(await interactionsRunning(redis, queuePrefix))) {
    return {
      status: 'unreachable',
      message: `the suite is not running: no interactions service has a heartbeat in Redis under '${queuePrefix}'. Start it with \`npm start\` (or check QUEUE_PREFIX).`,
    };
  }
  const key = consoleStreamKey(queuePrefix, interaction.token);
  await deps.bus.enqueue('interactions', 'interaction', {
    interaction,
    receivedAt: deps.now(),
    source: 'console',
    meta,
  });
  const started = deps.now();
  let firstAt: number | undefined;
  let lastId = '0-0';
  try {
    for (;;) {
      const deadline = firstAt === undefined ? started + options.firstAnswerMs : started + options.totalMs;
      const left = deadline - deps.now();
      if (left <= 0) {
        return {
          status: 'unreachable',
          message:
            firstAt === undefined
              ? `no answer within ${Math.round(options.firstAnswerMs / 1000)} s: the interactions service is running but did not take the command; check its logs`
              : `the answer was not complete within ${Math.round(options.totalMs / 1000)} s (use --timeout to wait longer)`,
        };
      }
      const read = (await redis.xread('BLOCK', Math.max(1, Math.min(left, 2000)), 'STREAMS', key, lastId)) as
        | [string, [string, string[]][]][]
        | null;
      for (const [, entries] of read ?? []) {
        for (const [id, fields] of entries) {
          lastId = id;
          const entry = readConsoleEntry(fields);
          if (entry.type === 'final') return { status: entry.final.outcome };
          if (entry.type === 'invalid') {
            out.note(`(skipped ${entry.reason})`);
            continue;
          }
          firstAt ??= deps.now();
          show(entry.message, options.json, out);
        }
      }
    }
  } finally {
    await redis.del(key).catch(() => {});
  }
}

function show(message: ConsoleMessage, json: boolean, out: Output): void {
  if (json) {
    out.answer(JSON.stringify({ kind: message.kind, body: message.body, files: message.files }));
    return;
  }
  const rendered = renderConsoleMessage(message);
  if (rendered === undefined) return;
  if (rendered.progress) out.note(rendered.text);
  else out.answer(rendered.text);
}
