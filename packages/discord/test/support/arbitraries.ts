import { cleanText } from '@autoalex/terms/text';
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandOption,
  APIApplicationCommandSubcommandOption,
} from 'discord-api-types/v10';
import fc from 'fast-check';
import type { ChatCommand } from '../../src/index.ts';

/** One entry of an interaction's `data.options`, as Discord sends it. */
export interface WireOption {
  name: string;
  type: number;
  value?: unknown;
  options?: WireOption[];
  focused?: boolean;
}

const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

export const snowflake = (): fc.Arbitrary<string> => fc.bigInt({ min: 10n ** 16n, max: 2n ** 63n - 1n }).map(String);

/**
 * Text Discord would let through: within the length limits, not only spaces, and without control
 * characters or broken surrogates (its client cannot type them into an option; ADR 0228).
 */
function text(min: number, max: number): fc.Arbitrary<string> {
  const units = fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: max }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: max }).map((s) => cleanText(s)) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: max }) },
  );
  return units.filter((s) => s.trim().length >= min && s.length <= max);
}

/** One character no text option may hold: C0 (NUL included), DEL, C1, or half a surrogate pair. */
export const unusableChar = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.integer({ min: 0, max: 0x1f }),
      fc.integer({ min: 0x7f, max: 0x9f }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
    )
    .map((code) => String.fromCharCode(code));

/** Printable text with unusable characters mixed in anywhere (also at the ends). */
export const hostileText = (): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.string({ maxLength: 8 }), unusableChar(), fc.string({ unit: 'binary', maxLength: 8 })), {
      minLength: 1,
      maxLength: 12,
    })
    .map((parts) => parts.join(''));

/** A value Discord could send for this option, read from its registration JSON. */
export function validValue(option: APIApplicationCommandBasicOption): fc.Arbitrary<unknown> {
  switch (option.type) {
    case 3:
      if (option.choices && option.choices.length > 0) return fc.constantFrom(...option.choices.map((c) => c.value));
      return text(option.min_length ?? 0, option.max_length ?? 6000);
    case 4:
      return fc.integer({ min: option.min_value ?? -(2 ** 31), max: option.max_value ?? 2 ** 31 });
    case 10:
      return fc.double({
        min: option.min_value ?? -1e9,
        max: option.max_value ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 5:
      return fc.boolean();
    case 6:
    case 7:
    case 8:
    case 9:
      return snowflake();
    default:
      return fc.constant(null);
  }
}

function isLeaf(option: APIApplicationCommandOption): option is APIApplicationCommandBasicOption {
  return option.type !== SUB_COMMAND && option.type !== SUB_COMMAND_GROUP;
}

/** Required options always, optional ones sometimes, in any order. */
function validLeaves(options: readonly APIApplicationCommandOption[]): fc.Arbitrary<WireOption[]> {
  const leaves = options.filter(isLeaf);
  const parts = leaves.map((option) => {
    const entry = validValue(option).map((value): WireOption => ({ name: option.name, type: option.type, value }));
    return option.required ? entry.map((e) => [e]) : fc.option(entry, { nil: undefined }).map((e) => (e ? [e] : []));
  });
  return fc
    .tuple(...parts)
    .map((lists) => lists.flat())
    .chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }));
}

/**
 * A `data.options` payload Discord could send for `command` when it is run; with `subcommand`,
 * always that subcommand.
 */
export function validPayload(command: ChatCommand, subcommand?: string): fc.Arbitrary<WireOption[]> {
  const options = command.data.options ?? [];
  const subcommands = options.filter(
    (o): o is APIApplicationCommandSubcommandOption =>
      o.type === SUB_COMMAND && (subcommand === undefined || o.name === subcommand),
  );
  if (subcommands.length === 0) return validLeaves(options);
  return fc
    .constantFrom(...subcommands)
    .chain((sub) =>
      validLeaves(sub.options ?? []).map((leaves): WireOption[] => [
        { name: sub.name, type: SUB_COMMAND, options: leaves },
      ]),
    );
}

/** The leaf options of a payload, wherever they sit. */
export function leavesOf(payload: WireOption[]): WireOption[] {
  const [first] = payload;
  return first?.type === SUB_COMMAND ? (first.options ?? []) : payload;
}

/** The same payload with other leaf options. */
export function withLeaves(payload: WireOption[], leaves: WireOption[]): WireOption[] {
  const [first] = payload;
  return first?.type === SUB_COMMAND ? [{ ...first, options: leaves }] : leaves;
}

/** The leaf definitions that apply to a payload (the chosen subcommand's, or the command's). */
export function definitionsFor(command: ChatCommand, payload: WireOption[]): APIApplicationCommandBasicOption[] {
  const options = command.data.options ?? [];
  const [first] = payload;
  if (first?.type === SUB_COMMAND) {
    const sub = options.find((o) => o.type === SUB_COMMAND && o.name === first.name);
    return sub?.type === SUB_COMMAND ? (sub.options ?? []) : [];
  }
  return options.filter(isLeaf);
}

/** One leaf option of the catalogue, with the command and subcommand it belongs to. */
export interface Target {
  readonly command: ChatCommand;
  readonly subcommand: string | undefined;
  readonly option: APIApplicationCommandBasicOption;
}

/** Every leaf option of these commands that `filter` accepts, for `it.each`. */
export function targets(
  commands: readonly ChatCommand[],
  filter: (option: APIApplicationCommandBasicOption) => boolean,
): [string, Target][] {
  return commands.flatMap((command) =>
    (command.data.options ?? []).flatMap((o): [string, Target][] => {
      if (o.type === SUB_COMMAND) {
        return (o.options ?? [])
          .filter(filter)
          .map((option) => [`/${command.name} ${o.name} ${option.name}`, { command, subcommand: o.name, option }]);
      }
      return isLeaf(o) && filter(o)
        ? [[`/${command.name} ${o.name}`, { command, subcommand: undefined, option: o }]]
        : [];
    }),
  );
}

const names = (command: ChatCommand): string[] => {
  const collect = (options: readonly APIApplicationCommandOption[] | undefined): string[] =>
    (options ?? []).flatMap((o) => [o.name, ...('options' in o ? collect(o.options) : [])]);
  return collect(command.data.options);
};

/** Anything JSON can carry, and a few things it cannot. */
const junk = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue(),
    fc.anything({ withNullPrototype: true, withObjectString: true, withBigInt: true, withMap: true, withSet: true }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, '', ' ', '__proto__', 'constructor'),
    hostileText(),
  );

/**
 * Payloads built to be wrong: names (declared, unknown, prototype keys), types and values at
 * random, focus flags, and nesting that goes anywhere.
 */
export function garbagePayload(command: ChatCommand): fc.Arbitrary<unknown> {
  const known = names(command);
  const name = fc.oneof(
    known.length > 0 ? fc.constantFrom(...known) : fc.constant('x'),
    fc.string({ maxLength: 40 }),
    hostileText(),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'subcommand', ''),
  );
  const { option } = fc.letrec<{ option: unknown; list: unknown }>((tie) => ({
    option: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record(
        {
          name,
          type: fc.oneof(fc.integer({ min: -2, max: 12 }), junk()),
          value: junk(),
          options: tie('list'),
          focused: fc.oneof(fc.boolean(), junk()),
        },
        { requiredKeys: ['name', 'type'] },
      ),
      junk(),
    ),
    list: fc.oneof({ depthSize: 'small' }, fc.array(tie('option'), { maxLength: 6 }), junk()),
  }));
  return fc.oneof(fc.array(option, { maxLength: 8 }), junk());
}
