/**
 * Discord's documented rules for slash-command registration that its OpenAPI description does not
 * encode (names: lower case and no spaces; required options first; no mixing subcommands with
 * plain options; 4000 characters in all; …). Run before every deploy and in the tests, beside the
 * OpenAPI schema check. Works on unknown input and never throws.
 * Source: https://discord.com/developers/docs/interactions/application-commands
 */

const namePattern = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const maxTotalCharacters = 4000;
const maxChatCommands = 100;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function label(value: unknown): string {
  return typeof value === 'string' ? value : '?';
}

/** Problems with one command's registration JSON; empty when Discord would accept it. */
export function lintCommand(command: unknown): string[] {
  if (!isRecord(command)) return ['a command must be an object'];
  const where = `/${label(command.name)}`;
  const problems: string[] = [];
  checkName(command.name, where, problems);
  checkDescription(command.description, where, problems);
  if (command.type !== undefined && command.type !== 1) problems.push(`${where}: type must be 1 (chat input)`);
  checkOptions(command.options, where, 0, problems);
  const total = countCharacters(command);
  if (total > maxTotalCharacters) {
    problems.push(
      `${where}: names, descriptions and choices add up to ${total} characters; at most ${maxTotalCharacters}`,
    );
  }
  return problems;
}

/** Problems with a whole set of commands registered together. */
export function lintCatalogue(commands: readonly unknown[]): string[] {
  const problems = commands.flatMap((c) => lintCommand(c));
  const names = commands.map((c) => (isRecord(c) ? c.name : undefined));
  for (const name of new Set(names)) {
    if (names.filter((n) => n === name).length > 1) problems.push(`/${label(name)} is defined more than once`);
  }
  if (commands.length > maxChatCommands)
    problems.push(`${commands.length} commands; Discord allows ${maxChatCommands}`);
  return problems;
}

function checkName(name: unknown, where: string, problems: string[]): void {
  if (typeof name !== 'string' || !namePattern.test(name)) {
    problems.push(`${where}: name must be 1–32 letters, digits, - _ or ' (no spaces)`);
  } else if (name !== name.toLowerCase()) {
    problems.push(`${where}: name must be lower case`);
  }
}

function checkDescription(description: unknown, where: string, problems: string[]): void {
  if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
    problems.push(`${where}: description must be 1–100 characters`);
  }
}

function checkOptions(options: unknown, where: string, depth: number, problems: string[]): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    problems.push(`${where}: options must be a list`);
    return;
  }
  if (options.length > 25) problems.push(`${where}: ${options.length} options; at most 25`);
  const seen = new Set<unknown>();
  let optionalSeen = false;
  let nested = 0;
  for (const option of options) {
    if (!isRecord(option)) {
      problems.push(`${where}: every option must be an object`);
      continue;
    }
    const at = `${where} ${label(option.name)}`;
    checkName(option.name, at, problems);
    checkDescription(option.description, at, problems);
    if (seen.has(option.name)) problems.push(`${at}: option name used twice`);
    seen.add(option.name);

    const isNested = option.type === SUB_COMMAND || option.type === SUB_COMMAND_GROUP;
    if (isNested) {
      nested += 1;
      if (option.type === SUB_COMMAND_GROUP && depth > 0) problems.push(`${at}: groups cannot be nested`);
      if (option.type === SUB_COMMAND && depth > 1) problems.push(`${at}: subcommands nest at most two deep`);
      checkOptions(option.options, at, depth + 1, problems);
      continue;
    }
    if (option.required === true && optionalSeen)
      problems.push(`${at}: required options must come before optional ones`);
    if (option.required !== true) optionalSeen = true;
    checkLeaf(option, at, problems);
  }
  if (nested > 0 && nested < options.length) problems.push(`${where}: subcommands cannot sit beside plain options`);
}

function checkLeaf(option: Json, at: string, problems: string[]): void {
  const { choices } = option;
  if (option.autocomplete === true && Array.isArray(choices) && choices.length > 0) {
    problems.push(`${at}: autocomplete and choices cannot be used together`);
  }
  if (Array.isArray(choices)) {
    if (choices.length > 25) problems.push(`${at}: ${choices.length} choices; at most 25`);
    const values = choices.map((c: unknown) => (isRecord(c) ? c.value : undefined));
    if (new Set(values).size !== values.length) problems.push(`${at}: choice values must be different`);
    for (const choice of choices) {
      const name = isRecord(choice) ? choice.name : undefined;
      if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
        problems.push(`${at}: every choice needs a name of 1–100 characters`);
      }
    }
  }
  const { min_value: min, max_value: max, min_length: minLength, max_length: maxLength } = option;
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    problems.push(`${at}: min_value is above max_value`);
  if (typeof minLength === 'number' && typeof maxLength === 'number' && minLength > maxLength) {
    problems.push(`${at}: min_length is above max_length`);
  }
}

/** Discord counts name, description, and every option's and choice's name and value. */
function countCharacters(node: Json): number {
  let total = 0;
  for (const key of ['name', 'description'] as const) {
    const text = node[key];
    if (typeof text === 'string') total += text.length;
  }
  const value = node.value;
  if (typeof value === 'string' || typeof value === 'number') total += String(value).length;
  for (const key of ['options', 'choices'] as const) {
    const list = node[key];
    if (Array.isArray(list)) for (const child of list) if (isRecord(child)) total += countCharacters(child);
  }
  return total;
}
