import type { DiscordInteraction, Logger, Meta, ReplyTarget } from '@autoalex/contracts';
import type { CommandName, CustomIdPrefix, FocusedOption, OptionsOf, Responder } from '@autoalex/discord';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { z } from 'zod';
import type { Actor } from './interaction.ts';

// What a feature is made of, as the dispatcher sees it. Handlers are functions of (deps, input):
// `deps` is the feature's own (its deps.ts, made once at start), `input` the routed interaction.
// Nothing here names a feature: features/index.ts lists them.

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

/** One slash command: `data` from the catalogue, `handle` answers it with the feature's deps `D`. */
export interface CommandModule<D, V = unknown> {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Set by the shared "not available yet" handler: it answers whatever the options are. */
  readonly unavailable?: true;
  handle(deps: D, input: CommandInput<V>): Promise<HandlerResult>;
  /** Suggestions for an autocomplete option; without it, the user gets an empty list. */
  autocomplete?(deps: D, input: AutocompleteInput<V>): Promise<void>;
}

export interface ComponentInput<S> extends BaseInput {
  readonly customId: string;
  /** The state stored under the custom_id's key, validated with the component's schema. */
  readonly state: S;
  /** Values of a select menu, fields of a modal: `data` of the interaction. */
  readonly data: Record<string, unknown>;
}

/** One component family (buttons, menus, forms) sharing a custom_id prefix. */
export interface ComponentModule<D, S = unknown> {
  readonly prefix: CustomIdPrefix;
  /** The command that makes these components: "run /status again" when one has expired. */
  readonly command: CommandName;
  readonly state: z.ZodType<S>;
  handle(deps: D, input: ComponentInput<S>): Promise<HandlerResult>;
}

/**
 * One feature: its commands (each typed by its catalogue options) and component families, all
 * taking the feature's deps `D`, and how `D` is made from what the service opened (`R`).
 */
export interface Feature<D, R> {
  readonly commands: { readonly [N in CommandName]?: CommandModule<D, OptionsOf<N>> };
  readonly components?: readonly ComponentModule<D>[];
  /** Made once at start (service-deps.ts); tests give the handlers fakes instead. */
  deps(resources: R): D;
}

/** Checks a feature's handlers against its deps type. */
export function defineFeature<D, R>(feature: Feature<D, R>): Feature<D, R> {
  return feature;
}

/** Tells the person why it cannot be done (ephemeral); the console exits 1. */
export async function reject(respond: Pick<Responder, 'reply'>, content: string): Promise<'rejected'> {
  await respond.reply({ content, ephemeral: true });
  return 'rejected';
}
