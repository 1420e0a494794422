import { hasUnusableCharacters } from '@autoalex/terms/text';
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandStringOption,
  ApplicationCommandOptionType,
  ChannelType,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { describeInput } from './describe-input.ts';

/** The option types a leaf (non-subcommand) option of the catalogue can have. */
export type LeafType =
  | ApplicationCommandOptionType.String
  | ApplicationCommandOptionType.Integer
  | ApplicationCommandOptionType.Number
  | ApplicationCommandOptionType.Boolean
  | ApplicationCommandOptionType.User
  | ApplicationCommandOptionType.Channel;

/**
 * One option, declared once: `json(name)` is what Discord gets at registration, `schema(name)` is
 * what the value a handler receives must satisfy. The record key in a command's `options` is the
 * option's name, so both are functions of it.
 */
export interface OptionDef<T> {
  readonly type: LeafType;
  readonly required: boolean;
  readonly autocomplete: boolean;
  json(name: string): APIApplicationCommandBasicOption;
  schema(name: string): z.ZodType<T>;
}

interface BaseSpec {
  /** 1–100 characters, shown under the option in Discord's picker. */
  readonly description: string;
  readonly required?: boolean;
}

/** Required options and options with a default always have a value; the others may be absent. */
type Presence<T, S> = S extends { required: true } ? T : S extends { default: unknown } ? T : T | undefined;

const snowflakePattern = /^[1-9][0-9]{15,19}$/;

function typeError(name: string, what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `${name} is required` : `${name} must be ${what}`;
}

function finish<T>(schema: z.ZodType<T>, spec: BaseSpec & { default?: unknown }): z.ZodType<unknown> {
  if (spec.required) return schema;
  if (spec.default !== undefined) return schema.default(spec.default as never);
  return schema.optional();
}

function rangeMessage(name: string, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${name} must be between ${min} and ${max}`;
  if (min !== undefined) return `${name} must be at least ${min}`;
  return `${name} must be at most ${max}`;
}

/** What a user reads when a text value holds NUL, another control character or a broken surrogate. */
function unusableMessage(name: string): string {
  return `${name} contains characters that cannot be used (invisible control characters)`;
}

function assertDefinition(ok: boolean, name: string, problem: string): void {
  if (!ok) throw new Error(`option '${name}': ${problem}`);
}

// ---------------------------------------------------------------------------------------------
// Text

interface FreeTextSpec extends BaseSpec {
  readonly minLength?: number;
  /** Always set a limit: Discord's own ceiling is 6000. */
  readonly maxLength: number;
  readonly autocomplete?: boolean;
  readonly default?: string;
}

interface ChoiceSpec extends BaseSpec {
  /** value → label shown in Discord; at most 25. */
  readonly choices: Readonly<Record<string, string>>;
  readonly default?: string;
}

type StringSpec = FreeTextSpec | ChoiceSpec;
type StringValue<S> = S extends { choices: infer C } ? keyof C & string : string;

/**
 * A text option: free text (trimmed, length-limited, maybe autocompleted, without control
 * characters) or one of fixed choices.
 */
export function string<const S extends StringSpec>(spec: S): OptionDef<Presence<StringValue<S>, S>> {
  const s: StringSpec = spec;
  if ('choices' in s) return choiceOption(s) as OptionDef<Presence<StringValue<S>, S>>;
  return freeTextOption(s) as OptionDef<Presence<StringValue<S>, S>>;
}

/** Longest name a user picks from an autocomplete list (artist, track, Plex user, playlist, genre). */
export const PICK_MAX_LENGTH = 100;

/**
 * A value picked from an autocomplete list (a name, or the ref the list put in its value), or typed:
 * free text of at most `PICK_MAX_LENGTH` characters unless the spec says otherwise.
 */
export function picked<const S extends Omit<FreeTextSpec, 'autocomplete' | 'maxLength'> & { maxLength?: number }>(
  spec: S,
): OptionDef<Presence<string, S>> {
  return freeTextOption({ maxLength: PICK_MAX_LENGTH, ...spec, autocomplete: true }) as OptionDef<Presence<string, S>>;
}

function freeTextOption(spec: FreeTextSpec): OptionDef<unknown> {
  const minLength = spec.minLength ?? 1;
  return {
    type: ApplicationCommandOptionType.String,
    required: spec.required === true,
    autocomplete: spec.autocomplete === true,
    json(name) {
      assertDefinition(minLength >= 1 && minLength <= spec.maxLength, name, 'minLength must be 1..maxLength');
      const option: APIApplicationCommandStringOption = {
        type: ApplicationCommandOptionType.String,
        name,
        description: spec.description,
        ...(spec.required ? { required: true } : {}),
        min_length: minLength,
        max_length: spec.maxLength,
        ...(spec.autocomplete ? { autocomplete: true } : {}),
      };
      return option;
    },
    schema(name) {
      const tooShort = minLength > 1 ? `${name} must be at least ${minLength} characters` : `${name} must not be empty`;
      return finish(
        z
          .string({ error: typeError(name, 'text') })
          .trim()
          .min(minLength, tooShort)
          .max(spec.maxLength, `${name} is longer than ${spec.maxLength} characters`)
          // Refused, not cleaned (ADR 0228): a slash-command option is one line Discord's client
          // cannot put a control character into, so one means a forged or broken payload, and the
          // user should see what was not used rather than get results for something else.
          .refine((text) => !hasUnusableCharacters(text), unusableMessage(name)),
        spec,
      );
    },
  };
}

function choiceOption(spec: ChoiceSpec): OptionDef<unknown> {
  const values = Object.keys(spec.choices);
  return {
    type: ApplicationCommandOptionType.String,
    required: spec.required === true,
    autocomplete: false,
    json(name) {
      assertDefinition(values.length >= 1 && values.length <= 25, name, 'needs 1 to 25 choices');
      assertDefinition(spec.default === undefined || values.includes(spec.default), name, 'default is not a choice');
      return {
        type: ApplicationCommandOptionType.String,
        name,
        description: spec.description,
        ...(spec.required ? { required: true } : {}),
        choices: Object.entries(spec.choices).map(([value, label]) => ({ name: label, value })),
      };
    },
    schema(name) {
      const [first, ...rest] = values;
      assertDefinition(first !== undefined, name, 'needs at least one choice');
      return finish(
        z.enum([first as string, ...rest], {
          error: (issue) =>
            issue.input === undefined
              ? `${name} is required`
              : `unknown choice ${describeInput(issue.input)} for ${name}; choose ${values.join(', ')}`,
        }),
        spec,
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers

interface NumberSpec extends BaseSpec {
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

/** A whole number between `min` and `max` (both inclusive). */
export function integer<const S extends NumberSpec>(spec: S): OptionDef<Presence<number, S>> {
  return numeric(ApplicationCommandOptionType.Integer, spec) as OptionDef<Presence<number, S>>;
}

/** A number (decimals allowed) between `min` and `max` (both inclusive). */
export function number<const S extends NumberSpec>(spec: S): OptionDef<Presence<number, S>> {
  return numeric(ApplicationCommandOptionType.Number, spec) as OptionDef<Presence<number, S>>;
}

function numeric(
  type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number,
  spec: NumberSpec,
): OptionDef<unknown> {
  const whole = type === ApplicationCommandOptionType.Integer;
  return {
    type,
    required: spec.required === true,
    autocomplete: false,
    json(name) {
      assertDefinition(spec.min <= spec.max, name, 'min is above max');
      if (whole) assertDefinition(Number.isSafeInteger(spec.min) && Number.isSafeInteger(spec.max), name, 'bounds');
      const base = {
        name,
        description: spec.description,
        ...(spec.required ? { required: true } : {}),
        min_value: spec.min,
        max_value: spec.max,
      };
      return whole
        ? { type: ApplicationCommandOptionType.Integer, ...base }
        : { type: ApplicationCommandOptionType.Number, ...base };
    },
    schema(name) {
      const range = rangeMessage(name, spec.min, spec.max);
      let schema = z.number({ error: typeError(name, whole ? 'a whole number' : 'a number') });
      if (whole) schema = schema.int(`${name} must be a whole number`);
      return finish(schema.min(spec.min, range).max(spec.max, range), spec);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Flags and Discord entities

interface BooleanSpec extends BaseSpec {
  readonly default?: boolean;
}

export function boolean<const S extends BooleanSpec>(spec: S): OptionDef<Presence<boolean, S>> {
  return {
    type: ApplicationCommandOptionType.Boolean,
    required: spec.required === true,
    autocomplete: false,
    json: (name) => ({
      type: ApplicationCommandOptionType.Boolean,
      name,
      description: spec.description,
      ...(spec.required ? { required: true } : {}),
    }),
    schema: (name) => finish(z.boolean({ error: typeError(name, 'true or false') }), spec),
  } as OptionDef<Presence<boolean, S>>;
}

/** A Discord member; the handler receives the user's id (details are in the interaction's `resolved`). */
export function user<const S extends BaseSpec>(spec: S): OptionDef<Presence<string, S>> {
  return {
    type: ApplicationCommandOptionType.User,
    required: spec.required === true,
    autocomplete: false,
    json: (name) => ({
      type: ApplicationCommandOptionType.User,
      name,
      description: spec.description,
      ...(spec.required ? { required: true } : {}),
    }),
    schema: (name) =>
      finish(
        z
          .string({ error: typeError(name, 'a Discord user') })
          .regex(snowflakePattern, `${name} must be a Discord user`),
        spec,
      ),
  } as OptionDef<Presence<string, S>>;
}

/** A voice or stage channel; the handler receives the channel id. */
export function voiceChannel<const S extends BaseSpec>(spec: S): OptionDef<Presence<string, S>> {
  return {
    type: ApplicationCommandOptionType.Channel,
    required: spec.required === true,
    autocomplete: false,
    json: (name) => ({
      type: ApplicationCommandOptionType.Channel,
      name,
      description: spec.description,
      ...(spec.required ? { required: true } : {}),
      channel_types: [ChannelType.GuildVoice, ChannelType.GuildStageVoice],
    }),
    schema: (name) =>
      finish(
        z
          .string({ error: typeError(name, 'a voice channel') })
          .regex(snowflakePattern, `${name} must be a voice channel`),
        spec,
      ),
  } as OptionDef<Presence<string, S>>;
}
