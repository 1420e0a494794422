import { describe, expect, it } from 'vitest';
import { catalogue, commandsFor, lintCommand, scopes } from '../src/index.ts';
import { formatErrors, operationId, requestBodyPointer, requestBodyValidator } from './support/discord-spec.ts';

const GLOBAL = '/applications/{application_id}/commands';
const GUILD = '/applications/{application_id}/guilds/{guild_id}/commands';

type Body = Record<string, unknown>[];
const body = (): Body => structuredClone(catalogue.map((c) => c.data)) as unknown as Body;

function check(path: string, value: unknown, closed = false): string[] {
  const validate = requestBodyValidator('PUT', path, { closed });
  return validate(value) ? [] : formatErrors(validate.errors);
}

describe("catalogue against Discord's OpenAPI spec", () => {
  it('finds the bulk-overwrite operations and their body schemas through $ref resolution', () => {
    expect(operationId('PUT', GLOBAL)).toBe('bulk_set_application_commands');
    expect(operationId('PUT', GUILD)).toBe('bulk_set_guild_application_commands');
    expect(requestBodyPointer('PUT', GLOBAL)).toBe(
      '#/paths/~1applications~1{application_id}~1commands/put/requestBody/content/application~1json/schema',
    );
  });

  it.each([GLOBAL, GUILD])('the whole catalogue is a valid body for PUT %s', (path) => {
    expect(check(path, body())).toEqual([]);
    expect(check(path, body(), true)).toEqual([]);
  });

  it.each(catalogue.map((c) => [c.name, c] as const))(
    '/%s is valid on its own, by the spec and by Discord’s rules',
    (_, command) => {
      expect(check(GLOBAL, [command.data], true)).toEqual([]);
      expect(lintCommand(command.data)).toEqual([]);
    },
  );

  it.each(scopes)('the %s scope is a valid body', (scope) => {
    expect(
      check(
        GLOBAL,
        commandsFor(scope).map((c) => c.data),
        true,
      ),
    ).toEqual([]);
  });
});

describe('the validator bites', () => {
  const broken = (mutate: (commands: Body) => void): Body => {
    const commands = body();
    mutate(commands);
    return commands;
  };
  const options = (c: Body, i: number) => (c[i] as { options: Record<string, unknown>[] }).options;

  it.each([
    [
      'a description over 100 characters',
      (c: Body) => Object.assign(c[0] as object, { description: 'x'.repeat(101) }),
      'must NOT have more than 100 characters',
    ],
    [
      'a name over 32 characters',
      (c: Body) => Object.assign(c[0] as object, { name: 'x'.repeat(33) }),
      'must NOT have more than 32 characters',
    ],
    [
      'a command without a name',
      (c: Body) => delete (c[0] as { name?: string }).name,
      "must have required property 'name'",
    ],
    [
      'an unknown option type',
      (c: Body) => Object.assign(options(c, 0)[0] as object, { type: 99 }),
      'must match exactly one schema in oneOf',
    ],
    [
      '26 options',
      (c: Body) =>
        Object.assign(c[0] as object, {
          options: Array.from({ length: 26 }, (_, i) => ({ type: 5, name: `o${i}`, description: 'd' })),
        }),
      'must NOT have more than 25 items',
    ],
    [
      'a max_length over 6000',
      (c: Body) => Object.assign(options(c, 6)[0] as object, { max_length: 6001 }),
      'must match exactly one schema in oneOf',
    ],
    [
      'a context that does not exist',
      (c: Body) => Object.assign(c[0] as object, { contexts: [7] }),
      'must be equal to constant',
    ],
    [
      '131 commands',
      (c: Body) => c.push(...Array.from({ length: 131 - c.length }, (_, i) => ({ name: `c${i}`, description: 'd' }))),
      'must NOT have more than 130 items',
    ],
  ])('rejects %s', (_, mutate, message) => {
    const errors = check(GLOBAL, broken(mutate));
    expect(errors.join('\n')).toContain(message);
  });

  it('catches a misspelt field only in the closed spec (Discord ignores unknown fields)', () => {
    const commands = broken((c) => Object.assign(options(c, 6)[0] as object, { max_lenght: 5 }));
    expect(check(GLOBAL, commands)).toEqual([]);
    expect(check(GLOBAL, commands, true).join('\n')).toContain('must NOT have additional properties');
  });

  it('leaves upper-case and spaced names to the lint: the spec has no name pattern', () => {
    const commands = broken((c) => Object.assign(c[0] as object, { name: 'Hello World' }));
    expect(check(GLOBAL, commands, true)).toEqual([]);
    expect(lintCommand(commands[0]).join('\n')).toContain('no spaces');
    expect(lintCommand({ ...commands[0], name: 'Usage' })).toEqual(['/Usage: name must be lower case']);
  });
});
