import { cleanText } from '@autoalex/terms/text';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { z } from 'zod';
import { type CommandName, commandByName, type OptionsOf } from './catalogue.ts';
import type { LeafInfo } from './define/command.ts';
import { describeInput } from './define/describe-input.ts';

/** The option the user is typing in, for an autocomplete interaction; `text` is what is typed so far. */
export interface FocusedOption {
  readonly name: string;
  /** Without control characters or broken surrogates (cleaned, ADR 0228): safe for any query. */
  readonly text: string;
}

export type ParsedOptions<V> =
  | { readonly ok: true; readonly kind: 'command'; readonly command: string; readonly values: V }
  | {
      readonly ok: true;
      readonly kind: 'autocomplete';
      readonly command: string;
      readonly subcommand: string | undefined;
      readonly focused: FocusedOption;
      /** The other options already filled in, each kept only when valid on its own. */
      readonly values: Partial<V>;
    }
  | { readonly ok: false; readonly command: string; readonly errors: readonly string[] };

interface RawOption {
  readonly name: string;
  readonly type: number;
  readonly hasValue: boolean;
  readonly value: unknown;
  readonly options: unknown;
  readonly focused: boolean;
}

const maxItems = 25;
const maxErrors = 10;
const maxTypedText = 6000;
const typeNames: Record<number, string> = {
  [ApplicationCommandOptionType.String]: 'text',
  [ApplicationCommandOptionType.Integer]: 'a whole number',
  [ApplicationCommandOptionType.Number]: 'a number',
  [ApplicationCommandOptionType.Boolean]: 'true or false',
  [ApplicationCommandOptionType.User]: 'a user',
  [ApplicationCommandOptionType.Channel]: 'a channel',
};

/**
 * Turns an interaction's `data.options` into the validated values of command `name`, or a list of
 * messages a person can act on. For an autocomplete interaction (one option has `focused: true`)
 * it returns the focused option's typed text and the other options that are valid so far.
 * Never throws, whatever it is given.
 */
export function parseOptions<N extends CommandName>(name: N, raw: unknown): ParsedOptions<OptionsOf<N>>;
export function parseOptions(name: unknown, raw: unknown): ParsedOptions<unknown>;
export function parseOptions(name: unknown, raw: unknown): ParsedOptions<unknown> {
  const command = typeof name === 'string' ? name.slice(0, 32) : '';
  try {
    return parse(name, raw);
  } catch {
    // Only reachable through values JSON cannot carry (throwing getters, proxies).
    return { ok: false, command, errors: ['the options could not be read'] };
  }
}

function parse(name: unknown, raw: unknown): ParsedOptions<unknown> {
  const cmd = commandByName(name);
  if (cmd === undefined) return { ok: false, command: '', errors: [`unknown command ${describeInput(name)}`] };
  const errors: string[] = [];
  const fail = (): ParsedOptions<unknown> => ({ ok: false, command: cmd.name, errors: capped(errors) });

  const top = readList(raw, undefined, errors);
  if (top === undefined) return fail();

  let subcommand: string | undefined;
  let leaves: readonly RawOption[];
  let declared: ReadonlyMap<string, LeafInfo>;
  if (cmd.layout.kind === 'flat') {
    declared = cmd.layout.leaves;
    leaves = top.filter((item) => {
      const nested =
        item.type === ApplicationCommandOptionType.Subcommand ||
        item.type === ApplicationCommandOptionType.SubcommandGroup;
      if (nested) errors.push(`/${cmd.name} has no subcommand ${describeInput(item.name)}`);
      return !nested;
    });
  } else {
    const known = [...cmd.layout.subcommands.keys()];
    const choose = `choose ${known.join(', ')}`;
    const [item, ...extra] = top;
    if (item === undefined) {
      errors.push(`/${cmd.name} needs a subcommand: ${choose}`);
      return fail();
    }
    if (extra.length > 0) errors.push(`/${cmd.name} takes only one subcommand`);
    const sub = cmd.layout.subcommands.get(item.name);
    if (item.type === ApplicationCommandOptionType.SubcommandGroup) {
      errors.push(`/${cmd.name} has no subcommand group ${describeInput(item.name)}`);
      return fail();
    }
    if (item.type !== ApplicationCommandOptionType.Subcommand || sub === undefined) {
      errors.push(`unknown subcommand ${describeInput(item.name)} for /${cmd.name}; ${choose}`);
      return fail();
    }
    const nested = readList(item.options, item.name, errors);
    if (nested === undefined) return fail();
    subcommand = item.name;
    declared = sub;
    leaves = nested;
  }

  // Leaf options: known, given once, of the registered type, with a value.
  const values: Record<string, unknown> = {};
  const reported = new Set<string>();
  const focused: RawOption[] = [];
  for (const item of leaves) {
    const info = declared.get(item.name);
    if (info === undefined) {
      errors.push(`unknown option ${describeInput(item.name)}`);
      continue;
    }
    if (reported.has(item.name) || Object.hasOwn(values, item.name) || focused.some((f) => f.name === item.name)) {
      errors.push(`${item.name} is given more than once`);
      reported.add(item.name);
      continue;
    }
    if (item.focused) {
      focused.push(item);
      continue;
    }
    if (item.type !== info.type) {
      errors.push(
        `${item.name} must be ${typeNames[info.type] ?? 'something else'} (the registered command may be out of date)`,
      );
      reported.add(item.name);
      continue;
    }
    if (!item.hasValue) {
      errors.push(`${item.name} has no value`);
      reported.add(item.name);
      continue;
    }
    values[item.name] = item.value;
  }

  if (focused.length > 0) return autocomplete(cmd.name, subcommand, declared, focused, values, errors);

  const input = subcommand === undefined ? values : { ...values, subcommand };
  const result = cmd.options.safeParse(input);
  if (result.success && errors.length === 0)
    return { ok: true, kind: 'command', command: cmd.name, values: result.data };
  if (!result.success) {
    for (const issue of result.error.issues) {
      const option = issue.path[0];
      if (typeof option === 'string' && reported.has(option)) continue;
      errors.push(issueMessage(issue));
    }
  }
  return fail();
}

function autocomplete(
  command: string,
  subcommand: string | undefined,
  declared: ReadonlyMap<string, LeafInfo>,
  focused: readonly RawOption[],
  values: Record<string, unknown>,
  errors: string[],
): ParsedOptions<unknown> {
  const [target, ...more] = focused;
  if (target === undefined) throw new Error('unreachable: no focused option');
  if (more.length > 0) errors.push('only one option can be focused');
  if (declared.get(target.name)?.autocomplete !== true) errors.push(`${target.name} has no suggestions`);
  const typed = typeof target.value === 'string' || typeof target.value === 'number' ? String(target.value) : undefined;
  // Cleaned, not refused (ADR 0228): suggestions have no room for a message, and suggestions for
  // the text without its control characters are what the user can use.
  const text = typed === undefined ? undefined : cleanText(typed);
  if (text === undefined) errors.push(`${target.name}: the typed text is missing`);
  else if (text.length > maxTypedText) errors.push(`${target.name}: the typed text is too long`);
  if (errors.length > 0 || text === undefined) return { ok: false, command, errors: capped(errors) };

  const valid: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const result = declared.get(name)?.schema.safeParse(value);
    if (result?.success) valid[name] = result.data;
  }
  return { ok: true, kind: 'autocomplete', command, subcommand, focused: { name: target.name, text }, values: valid };
}

/**
 * Reads a `data.options`-shaped list (of the command, or of subcommand `owner`); absent means
 * empty. Malformed entries become messages.
 */
function readList(raw: unknown, owner: string | undefined, errors: string[]): RawOption[] | undefined {
  const of = owner === undefined ? '' : ` of ${owner}`;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.push(`the options${of} are not a list`);
    return undefined;
  }
  if (raw.length > maxItems) {
    errors.push(`${raw.length} options${of} were sent; Discord sends at most ${maxItems}`);
    return undefined;
  }
  const items: RawOption[] = [];
  raw.forEach((entry: unknown, index) => {
    const item = readOption(entry);
    if (item === undefined) errors.push(`option ${index + 1}${of} is malformed (it needs a name and a type)`);
    else items.push(item);
  });
  return items;
}

function readOption(entry: unknown): RawOption | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const record = entry as Record<string, unknown>;
  const name = Object.hasOwn(record, 'name') ? record.name : undefined;
  const type = Object.hasOwn(record, 'type') ? record.type : undefined;
  if (typeof name !== 'string' || name.length === 0 || name.length > 32) return undefined;
  if (typeof type !== 'number' || !Number.isInteger(type)) return undefined;
  return {
    name,
    type,
    hasValue: Object.hasOwn(record, 'value') && record.value !== undefined,
    value: Object.hasOwn(record, 'value') ? record.value : undefined,
    options: Object.hasOwn(record, 'options') ? record.options : undefined,
    focused: Object.hasOwn(record, 'focused') && record.focused === true,
  };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const option = issue.path[0];
  if (typeof option !== 'string' || issue.message.includes(option)) return issue.message;
  return `${issue.path.map(String).join('.')}: ${issue.message}`;
}

function capped(errors: readonly string[]): string[] {
  const unique = [...new Set(errors)];
  if (unique.length <= maxErrors) return unique;
  return [...unique.slice(0, maxErrors - 1), `…and ${unique.length - maxErrors + 1} more problems`];
}
