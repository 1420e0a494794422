import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { z } from 'zod';
import type { LeafType, OptionDef } from './options.ts';

/** Which half of the product a command belongs to; `suite` commands come with either half. */
export type Area = 'library' | 'studio' | 'suite';

/** Where a command may be used: guild channels, and for a few, the bot's DMs. */
export type Context = 'guild' | 'bot-dm';

/**
 * Who sees the first answer by default: everyone in the channel, or only the caller (flag 64).
 * The deadline guard defers with it (ADR 0002); a handler may still answer an error ephemerally.
 */
export type Visibility = 'public' | 'ephemeral';

type OptionsRecord = Readonly<Record<string, OptionDef<unknown>>>;

type Prettify<T> = { [K in keyof T]: T[K] } & {};

/** The validated values of a set of options, keyed by option name. */
export type ValuesOf<O extends OptionsRecord> = Prettify<{
  -readonly [K in keyof O]: O[K] extends OptionDef<infer T> ? T : never;
}>;

/** A rule across several options; returns a human message when the values break it. */
export type Rule<V> = (values: V) => string | undefined;

/** What the option parser needs to know about one leaf option. */
export interface LeafInfo {
  readonly type: LeafType;
  readonly required: boolean;
  readonly autocomplete: boolean;
  readonly schema: z.ZodType<unknown>;
}

export type Layout =
  | { readonly kind: 'flat'; readonly leaves: ReadonlyMap<string, LeafInfo> }
  | { readonly kind: 'subcommands'; readonly subcommands: ReadonlyMap<string, ReadonlyMap<string, LeafInfo>> };

/**
 * One slash command: `data` is its registration JSON (what the deploy PUTs), `options` the zod
 * schema of the values its handler receives (the output of `parseOptions`).
 */
export interface ChatCommand<N extends string = string, V = unknown> {
  readonly name: N;
  readonly area: Area;
  readonly visibility: Visibility;
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  readonly options: z.ZodType<V>;
  readonly layout: Layout;
}

interface CommonSpec<N extends string> {
  /** Lower case, 1–32 characters, no spaces. */
  readonly name: N;
  /** 1–100 characters. */
  readonly description: string;
  readonly area: Area;
  /** Default: public. */
  readonly visibility?: Visibility;
  /** Default: guild only. */
  readonly contexts?: readonly Context[];
}

interface FlatSpec<N extends string, O extends OptionsRecord> extends CommonSpec<N> {
  readonly options?: O;
  readonly rules?: readonly Rule<ValuesOf<O>>[];
}

interface SubcommandSpec<O extends OptionsRecord> {
  readonly description: string;
  readonly options?: O;
}

type SubcommandValues<S extends Readonly<Record<string, SubcommandSpec<OptionsRecord>>>> = {
  [K in keyof S & string]: Prettify<
    { subcommand: K } & (S[K] extends SubcommandSpec<infer O> ? ValuesOf<O> : Record<never, never>)
  >;
}[keyof S & string];

interface GroupedSpec<N extends string, S extends Readonly<Record<string, SubcommandSpec<OptionsRecord>>>>
  extends CommonSpec<N> {
  readonly subcommands: S;
}

const contextIds: Record<Context, InteractionContextType> = {
  guild: InteractionContextType.Guild,
  'bot-dm': InteractionContextType.BotDM,
};

/** A command whose options sit directly under it: `/volume level:150`. */
export function defineCommand<const N extends string, const O extends OptionsRecord = Record<never, never>>(
  spec: FlatSpec<N, O>,
): ChatCommand<N, ValuesOf<O>> {
  const options: OptionsRecord = spec.options ?? {};
  const rules = (spec.rules ?? []) as readonly Rule<unknown>[];
  const schema = objectSchema(options).superRefine((values, ctx) => {
    for (const rule of rules) {
      const message = rule(values);
      if (message !== undefined) ctx.addIssue({ code: 'custom', message });
    }
  });
  return {
    name: spec.name,
    area: spec.area,
    visibility: spec.visibility ?? 'public',
    data: commandJson(spec, leafJson(options)),
    options: schema as unknown as z.ZodType<ValuesOf<O>>,
    layout: { kind: 'flat', leaves: leafInfo(options) },
  };
}

/** A command made of subcommands: `/filter genre name:jazz`, `/filter clear`. */
export function defineSubcommands<
  const N extends string,
  const S extends Readonly<Record<string, SubcommandSpec<OptionsRecord>>>,
>(spec: GroupedSpec<N, S>): ChatCommand<N, SubcommandValues<S>> {
  const entries = Object.entries(spec.subcommands);
  const variants = entries.map(([name, sub]) =>
    objectSchema(sub.options ?? {}).extend({ subcommand: z.literal(name) }),
  );
  const [first, ...rest] = variants;
  if (first === undefined) throw new Error(`command '${spec.name}': needs at least one subcommand`);
  const schema = z.discriminatedUnion('subcommand', [first, ...rest], {
    error: (issue) => `unknown subcommand ${String(issue.input === undefined ? '' : issue.input)}`.trim(),
  });
  const subcommandJson = entries.map(
    ([name, sub]): APIApplicationCommandSubcommandOption => ({
      type: ApplicationCommandOptionType.Subcommand,
      name,
      description: sub.description,
      options: leafJson(sub.options ?? {}),
    }),
  );
  return {
    name: spec.name,
    area: spec.area,
    visibility: spec.visibility ?? 'public',
    data: commandJson(spec, subcommandJson),
    options: schema as unknown as z.ZodType<SubcommandValues<S>>,
    layout: {
      kind: 'subcommands',
      subcommands: new Map(entries.map(([name, sub]) => [name, leafInfo(sub.options ?? {})])),
    },
  };
}

function objectSchema(options: OptionsRecord) {
  return z.object(Object.fromEntries(Object.entries(options).map(([name, def]) => [name, def.schema(name)])));
}

/** Discord wants required options before optional ones; keep the declared order otherwise. */
function leafJson(options: OptionsRecord): APIApplicationCommandBasicOption[] {
  const all = Object.entries(options).map(([name, def]) => ({ def, json: def.json(name) }));
  return [...all.filter((o) => o.def.required), ...all.filter((o) => !o.def.required)].map((o) => o.json);
}

function leafInfo(options: OptionsRecord): ReadonlyMap<string, LeafInfo> {
  return new Map(
    Object.entries(options).map(([name, def]) => [
      name,
      { type: def.type, required: def.required, autocomplete: def.autocomplete, schema: def.schema(name) },
    ]),
  );
}

function commandJson(
  spec: CommonSpec<string>,
  options: RESTPostAPIChatInputApplicationCommandsJSONBody['options'],
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    description: spec.description,
    ...(options && options.length > 0 ? { options } : {}),
    // Everyone may use every command by default; server admins narrow it per command in
    // Server Settings → Integrations (see ADR 0070).
    default_member_permissions: null,
    contexts: (spec.contexts ?? ['guild']).map((c) => contextIds[c]),
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}
