import type { DiscordInteraction, Logger, Meta, ReplyTarget } from '@autoalex/contracts';
import type { CommandName, CustomId, CustomIdPrefix, FocusedOption, Responder } from '@autoalex/discord';
import type { UsageResult } from '@autoalex/listening';
import type { MonitorStatus } from '@autoalex/monitoring';
import type { SuiteHealthRead } from '@autoalex/runtime';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { z } from 'zod';
import type { Actor } from './interaction.ts';
import type { CardRenderer } from './library/cards.ts';
import type { LibraryReads } from './library/library-reads.ts';
import type { RemixQueue } from './remix/remix-queue.ts';

/** What every handler may use; built once in main.ts. */
export interface HandlerDeps {
  /** Stores a component's state (Redis, with a TTL) and returns the custom_id that finds it. */
  saveState(prefix: CustomIdPrefix, state: unknown): Promise<string>;
  /** The state behind a custom_id; undefined once it expired. */
  loadState(id: CustomId): Promise<unknown>;
  /** The suite's health from the heartbeats (never throws). */
  readHealth(): Promise<SuiteHealthRead>;
  /** The monitor's watched targets and open incidents (never throws). */
  readMonitor(): Promise<MonitorStatus>;
  /** The library mirror, listening history and linked accounts in Postgres — never a live upstream. */
  readonly library: LibraryReads;
  /** Tautulli's live activity (/usage). */
  readonly usage: {
    /** TAUTULLI_URL and TAUTULLI_API_KEY are set. */
    readonly configured: boolean;
    /** One live call; never throws (`not-configured` without Tautulli). */
    read(): Promise<UsageResult>;
  };
  /** PNG cards for /completion and /compare; a rejection means "send the text instead". */
  readonly cards: CardRenderer;
  /** Stem remixes: the per-user allowance and the `remix` queue. */
  readonly remix: RemixQueue;
  now(): number;
}

/**
 * How a handler ended. Nothing: the answer is complete. `rejected`: the user was told it cannot be
 * done (the console exits non-zero). `handed-off`: a worker finishes the answer (and completes it).
 */
export type HandlerResult = undefined | 'rejected' | 'handed-off';

interface BaseInput {
  readonly interaction: DiscordInteraction;
  readonly actor: Actor;
  readonly respond: Responder;
  /** Bound to the job and its correlation id. */
  readonly log: Logger;
  /** The job's meta block (correlation id, requester, guild): jobs made for this interaction carry it on. */
  readonly meta: Meta;
  /** Where a worker answers this interaction later; undefined when nobody could be (no channel). */
  readonly reply: ReplyTarget | undefined;
}

export interface CommandInput<V> extends BaseInput {
  readonly command: CommandName;
  /** Parsed and validated by `parseOptions`. */
  readonly options: V;
}

export interface AutocompleteInput<V> extends BaseInput {
  readonly command: CommandName;
  readonly subcommand: string | undefined;
  readonly focused: FocusedOption;
  /** The other options, each kept only when valid on its own. */
  readonly options: Partial<V>;
}

/** One slash command: `data` from the catalogue, `handle` answers it. */
export interface CommandModule<V = unknown> {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Set by the shared "not available yet" handler: it answers whatever the options are. */
  readonly unavailable?: true;
  handle(deps: HandlerDeps, input: CommandInput<V>): Promise<HandlerResult>;
  /** Suggestions for an autocomplete option; without it, the user gets an empty list. */
  autocomplete?(deps: HandlerDeps, input: AutocompleteInput<V>): Promise<void>;
}

export interface ComponentInput<S> extends BaseInput {
  readonly customId: string;
  /** The state stored under the custom_id's key, validated with the component's schema. */
  readonly state: S;
  /** Values of a select menu, fields of a modal: `data` of the interaction. */
  readonly data: Record<string, unknown>;
}

/** One component family (buttons, menus, forms) sharing a custom_id prefix. */
export interface ComponentModule<S = unknown> {
  readonly prefix: CustomIdPrefix;
  /** The command that makes these components: "run /status again" when one has expired. */
  readonly command: CommandName;
  readonly state: z.ZodType<S>;
  handle(deps: HandlerDeps, input: ComponentInput<S>): Promise<HandlerResult>;
}
