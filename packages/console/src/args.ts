// `bin/alex <command> [<subcommand>] [option=value ...] [--as <user id>] [--guild <id>] [--json]`:
// the words of the command line, sorted into what they mean. Nothing here knows the catalogue.

export interface Flags {
  /** Discord user id to act as. */
  as: string | undefined;
  guild: string | undefined;
  json: boolean;
  /** Act as a member without admin permissions (default: the console is the server's admin). */
  member: boolean;
  /** Seconds to wait for the complete answer. */
  timeout: number | undefined;
  /** deploy-commands: register globally even when DISCORD_DEV_GUILD_ID is set. */
  global: boolean;
  help: boolean;
}

export interface ParsedArgs {
  /** First word: a slash command, `commands`, `deploy-commands`, or undefined. */
  command: string | undefined;
  /** Words without `=`, after the command (a subcommand, or a mistake). */
  words: string[];
  /** `name=value` pairs, in order. */
  options: { name: string; value: string }[];
  flags: Flags;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const SNOWFLAKE = /^\d{17,20}$/;

/** Sorts argv into command, words, options and flags. Throws UsageError on a malformed flag. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags: Flags = {
    as: undefined,
    guild: undefined,
    json: false,
    member: false,
    timeout: undefined,
    global: false,
    help: false,
  };
  const words: string[] = [];
  const options: { name: string; value: string }[] = [];
  let command: string | undefined;
  const rest = [...argv];
  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (arg === '--') {
      words.push(...rest.splice(0));
      break;
    }
    if (arg.startsWith('--')) {
      const [flag, inline] = splitFlag(arg);
      const value = () => {
        const given = inline ?? rest.shift();
        if (given === undefined || given === '') throw new UsageError(`${flag} needs a value`);
        return given;
      };
      switch (flag) {
        case '--as': {
          const id = value().replace(/^<@!?(\d+)>$/, '$1');
          if (!SNOWFLAKE.test(id)) throw new UsageError(`--as needs a Discord user id (17 to 20 digits), not '${id}'`);
          flags.as = id;
          break;
        }
        case '--guild': {
          const id = value();
          if (!SNOWFLAKE.test(id))
            throw new UsageError(`--guild needs a Discord server id (17 to 20 digits), not '${id}'`);
          flags.guild = id;
          break;
        }
        case '--timeout': {
          const seconds = Number(value());
          if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError('--timeout needs a number of seconds');
          flags.timeout = seconds;
          break;
        }
        case '--json':
          flags.json = true;
          break;
        case '--member':
          flags.member = true;
          break;
        case '--global':
          flags.global = true;
          break;
        case '--help':
          flags.help = true;
          break;
        default:
          throw new UsageError(
            `unknown flag ${flag}; flags: --as, --guild, --json, --member, --timeout, --global, --help`,
          );
      }
      continue;
    }
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (command === undefined) {
      command = arg.replace(/^\//, '');
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) options.push({ name: arg.slice(0, eq), value: arg.slice(eq + 1) });
    else words.push(arg);
  }
  return { command, words, options, flags };
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

export const USAGE = `Usage: bin/alex <command> [<subcommand>] [option=value ...] [flags]

Runs a slash command against the running suite and prints the answer, as Discord would show it.

  bin/alex status                      suite health, as /status shows it
  bin/alex help command=volume         what a command does
  bin/alex filter genre name=jazz      a subcommand and its options
  bin/alex commands [--json]           the catalogue (--json: exactly as registered)
  bin/alex deploy-commands [--guild <id> | --global]
                                       register the commands with Discord

Flags:
  --as <user id>     act as this Discord user (default: the console user)
  --guild <id>       in this server (default: DISCORD_DEV_GUILD_ID, else the console's own)
  --member           without admin permissions (the console is an admin by default)
  --json             print each answer as one JSON line (the payload Discord would get)
  --timeout <s>      wait this long for the complete answer (default 900)

Exit status: 0 answered, 1 answered with an error, 2 usage, 3 the suite is not reachable or did not answer.`;
