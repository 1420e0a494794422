import { z } from 'zod';
import { catalogue } from './catalogue.ts';
import type { ChatCommand } from './define/command.ts';
import { lintCatalogue } from './lint.ts';

/** The part of `fetch` the deploy uses; the global `fetch` is one. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface DeployOptions {
  readonly applicationId: string;
  /** Bot token; sent as `Authorization: Bot …`, never logged or put in a message. */
  readonly token: string;
  /** Set: register in this guild only (instant, for development). Unset: register globally. */
  readonly guildId?: string | undefined;
  /** Discord REST base, as DISCORD_API_URL (default https://discord.com/api); `/v10` is added. */
  readonly apiUrl?: string | undefined;
  readonly fetch?: FetchLike | undefined;
  /** Default: the whole catalogue. */
  readonly commands?: readonly ChatCommand[] | undefined;
  readonly timeoutMs?: number | undefined;
  readonly userAgent?: string | undefined;
}

export interface DeployResult {
  readonly scope: 'guild' | 'global';
  /** Path of the route, e.g. /applications/123/guilds/456/commands. */
  readonly route: string;
  /** What Discord registered: its ids by name. */
  readonly commands: readonly { readonly id: string; readonly name: string }[];
}

export type DeployFailure =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rejected'
  | 'rate-limited'
  | 'discord-error'
  | 'unreachable';

/** Why a deploy did not happen, with what Discord said. The message is meant for a person. */
export class DeployError extends Error {
  override readonly name = 'DeployError';
  readonly reason: DeployFailure;
  readonly status: number | undefined;
  /** Discord's JSON error code (e.g. 50035 Invalid Form Body, 50001 Missing Access). */
  readonly code: number | undefined;
  /** For 429: seconds to wait before trying again. */
  readonly retryAfter: number | undefined;
  /** One line per problem: the catalogue's own, or each field Discord rejected. */
  readonly problems: readonly string[];

  constructor(
    reason: DeployFailure,
    message: string,
    details: {
      status?: number;
      code?: number;
      retryAfter?: number;
      problems?: readonly string[];
      cause?: unknown;
    } = {},
  ) {
    const problems = details.problems ?? [];
    super(problems.length > 0 ? `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}` : message, {
      cause: details.cause,
    });
    this.reason = reason;
    this.status = details.status;
    this.code = details.code;
    this.retryAfter = details.retryAfter;
    this.problems = problems;
  }
}

const snowflake = /^[1-9][0-9]{5,19}$/;

const registered = z.array(z.object({ id: z.string(), name: z.string() }).loose());

const errorBody = z
  .object({
    code: z.number().optional(),
    message: z.string().optional(),
    errors: z.unknown().optional(),
    retry_after: z.number().optional(),
    global: z.boolean().optional(),
  })
  .loose();

/**
 * Bulk-overwrites the application's slash commands with the catalogue (PUT: commands not in the
 * list are deleted). With `guildId`, in that guild only; otherwise globally. Throws DeployError.
 */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const commands = options.commands ?? catalogue;
  const { applicationId, guildId } = options;
  if (typeof applicationId !== 'string' || !snowflake.test(applicationId)) {
    throw new DeployError('invalid', 'the application id must be a Discord id (digits only)');
  }
  if (guildId !== undefined && (typeof guildId !== 'string' || !snowflake.test(guildId))) {
    throw new DeployError('invalid', 'the guild id must be a Discord id (digits only)');
  }
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new DeployError('invalid', 'no bot token: set DISCORD_TOKEN');
  }
  const body = commands.map((c) => c.data);
  const problems = lintCatalogue(body);
  if (problems.length > 0) throw new DeployError('invalid', 'the command catalogue is not valid', { problems });

  const route =
    guildId === undefined
      ? `/applications/${applicationId}/commands`
      : `/applications/${applicationId}/guilds/${guildId}/commands`;
  const url = `${versionedBase(options.apiUrl ?? 'https://discord.com/api')}${route}`;
  const where = guildId === undefined ? 'globally' : `in guild ${guildId}`;
  const send = options.fetch ?? (fetch as FetchLike);

  let response: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    response = await send(url, {
      method: 'PUT',
      headers: {
        Authorization: `Bot ${options.token}`,
        'Content-Type': 'application/json',
        'User-Agent': options.userAgent ?? 'DiscordBot (autoalex, 0.0.0)',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    text = await response.text();
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new DeployError('unreachable', `could not reach Discord at ${new URL(url).origin}: ${detail}`, { cause });
  }

  if (response.status >= 200 && response.status < 300) {
    const parsed = registered.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new DeployError('discord-error', `Discord answered ${response.status} but not with a list of commands`, {
        status: response.status,
      });
    }
    return {
      scope: guildId === undefined ? 'global' : 'guild',
      route,
      commands: parsed.data.map(({ id, name }) => ({ id, name })),
    };
  }
  throw failure(response.status, response.headers, text, body, { applicationId, where });
}

function versionedBase(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return /\/v\d+$/.test(base) ? base : `${base}/v10`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function failure(
  status: number,
  headers: { get(name: string): string | null },
  text: string,
  sent: readonly { name: string }[],
  context: { applicationId: string; where: string },
): DeployError {
  const parsed = errorBody.safeParse(safeJson(text));
  const discord = parsed.success ? parsed.data : undefined;
  const code = discord?.code;
  const said = discord?.message ?? (text.trim().slice(0, 200) || 'no message');
  const tag = `${status}${code === undefined ? '' : `, code ${code}`}: ${said}`;
  const base = { status, ...(code === undefined ? {} : { code }) };

  if (status === 401) {
    return new DeployError('unauthorized', `Discord rejected the bot token (${tag}); check DISCORD_TOKEN`, base);
  }
  if (status === 403) {
    return new DeployError(
      'forbidden',
      `Discord refused to register commands ${context.where} (${tag}); is the bot in that guild, invited with the applications.commands scope, and does the token belong to application ${context.applicationId}?`,
      base,
    );
  }
  if (status === 404) {
    return new DeployError(
      'not-found',
      `Discord does not know application ${context.applicationId} ${context.where} (${tag}); check DISCORD_APPLICATION_ID and DISCORD_DEV_GUILD_ID`,
      base,
    );
  }
  if (status === 429) {
    const retryAfter = discord?.retry_after ?? Number.parseFloat(headers.get('retry-after') ?? '');
    const seconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
    const scope = discord?.global === true || headers.get('x-ratelimit-global') === 'true' ? 'globally ' : '';
    const wait = seconds === undefined ? 'try again later' : `retry after ${seconds} s`;
    return new DeployError('rate-limited', `Discord ${scope}rate-limited the deploy (${tag}); ${wait}`, {
      ...base,
      ...(seconds === undefined ? {} : { retryAfter: seconds }),
    });
  }
  if (status >= 400 && status < 500) {
    return new DeployError('rejected', `Discord rejected the commands (${tag})`, {
      ...base,
      problems: flattenErrors(discord?.errors, sent),
    });
  }
  return new DeployError('discord-error', `Discord failed to register the commands (${tag}); try again`, base);
}

/**
 * Discord's `errors` object nests by field path and ends in `_errors: [{code, message}]`:
 * `{"0": {"options": {"1": {"name": {"_errors": [...]}}}}}` → `/volume options.1.name: … (CODE)`.
 */
export function flattenErrors(errors: unknown, sent: readonly { name: string }[] = []): string[] {
  const lines: string[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (typeof node !== 'object' || node === null || lines.length >= 50) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === '_errors' && Array.isArray(child)) {
        for (const e of child) lines.push(`${where(path)}: ${errorText(e)}`);
      } else {
        walk(child, [...path, key]);
      }
    }
  };
  const where = (path: string[]): string => {
    const [first, ...rest] = path;
    const index = first !== undefined && /^\d+$/.test(first) ? Number(first) : undefined;
    const command = index === undefined ? undefined : sent[index]?.name;
    if (command === undefined) return path.join('.') || '(body)';
    return rest.length > 0 ? `/${command} ${rest.join('.')}` : `/${command}`;
  };
  walk(errors, []);
  return lines;
}

function errorText(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { message, code } = error as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' ? message : 'invalid';
  return typeof code === 'string' ? `${text} (${code})` : text;
}
