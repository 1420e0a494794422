import { interactionsJobs } from '@autoalex/contracts';
import { parseOptions } from '@autoalex/discord';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { buildInteraction, buildOptions, CONSOLE_GUILD_ID, commandFor } from './build-interaction.ts';

function options(command: string, words: string[], given: Record<string, string>) {
  return buildOptions(commandFor(command), {
    command,
    words,
    options: Object.entries(given).map(([name, value]) => ({ name, value })),
  });
}

describe('console interactions', () => {
  it('types option values from the catalogue, as Discord sends them', () => {
    expect(options('volume', [], { level: '80' })).toEqual([{ name: 'level', type: 4, value: 80 }]);
    expect(options('status', [], { details: 'yes' })).toEqual([{ name: 'details', type: 5, value: true }]);
    expect(options('boost', [], { track: 'song:123', db: '2.5' })).toEqual([
      { name: 'track', type: 3, value: 'song:123' },
      { name: 'db', type: 10, value: 2.5 },
    ]);
    expect(options('library', [], { owner: '<@123456789012345678>' })).toEqual([
      { name: 'owner', type: 6, value: '123456789012345678' },
    ]);
  });

  it('nests a subcommand and its options', () => {
    expect(options('filter', ['genre'], { name: 'jazz' })).toEqual([
      { name: 'genre', type: 1, options: [{ name: 'name', type: 3, value: 'jazz' }] },
    ]);
    expect(options('filter', ['clear'], {})).toEqual([{ name: 'clear', type: 1, options: [] }]);
  });

  it('names what is valid when something is not', () => {
    const fails = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      throw new Error('did not throw');
    };
    expect(fails(() => commandFor('statsu'))).toMatch(
      /^unknown command 'statsu'\. Commands: usage, completion, .*, status, help; also: commands, deploy-commands$/,
    );
    expect(fails(() => options('status', [], { colour: 'red' }))).toBe(
      "unknown option 'colour' for /status; options: details",
    );
    expect(fails(() => options('pause', [], { x: '1' }))).toBe('/pause takes no options');
    expect(fails(() => options('volume', [], { level: 'loud' }))).toBe("level takes a whole number, not 'loud'");
    expect(fails(() => options('status', [], { details: 'maybe' }))).toBe("details takes true or false, not 'maybe'");
    expect(fails(() => options('filter', [], {}))).toBe('/filter needs a subcommand: genre, style, clear, show');
    expect(fails(() => options('filter', ['rock'], {}))).toBe(
      "unknown subcommand 'rock' for /filter; choose genre, style, clear, show",
    );
    expect(fails(() => options('status', ['now'], {}))).toBe("unexpected 'now': give /status's options as name=value");
    expect(fails(() => options('volume', [], { level: '1', LEVEL: '2' }))).toBe('level is given more than once');
  });

  it('builds an interaction the bus accepts and the interactions service can parse', () => {
    const command = commandFor('volume');
    const sessionId = '4b3c2d1e-0f9a-4b8c-8d7e-6f5a4b3c2d1e';
    const interaction = buildInteraction(
      command,
      options('volume', [], { level: '250' }),
      { userId: '123456789012345678', guildId: CONSOLE_GUILD_ID, applicationId: '123456789012345670', admin: false },
      sessionId,
      Date.parse('2026-11-21T10:00:00Z'),
    );
    const parsed = interactionsJobs.interaction.parse({
      interaction,
      receivedAt: Date.now(),
      source: 'console',
      meta: { correlationId: sessionId, createdAt: Date.now() },
    });
    expect(parsed.interaction).toMatchObject({
      type: 2,
      token: sessionId,
      guild_id: CONSOLE_GUILD_ID,
      member: { user: { id: '123456789012345678' }, permissions: '0' },
    });
    // Discord-shaped ids: the snowflake's timestamp is the build time.
    expect(Number((BigInt(interaction.id) >> 22n) + 1_420_070_400_000n)).toBe(Date.parse('2026-11-21T10:00:00Z'));
    // The range check is the service's (parseOptions), as for Discord.
    const data = interaction.data as { name: string; options: unknown };
    expect(parseOptions(data.name, data.options)).toEqual({
      ok: false,
      command: 'volume',
      errors: ['level must be between 0 and 200'],
    });
  });

  it('leaves text to the same parse as Discord: control characters are refused there (ADR 0228)', () => {
    const built = options('generate', [], { prompt: 'bell\u0007 and escape\u001B[2J' });
    expect(parseOptions('generate', built)).toEqual({
      ok: false,
      command: 'generate',
      errors: ['prompt contains characters that cannot be used (invisible control characters)'],
    });
  });
});
