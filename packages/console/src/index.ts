export { type Flags, type ParsedArgs, parseArgs, USAGE, UsageError } from './args.ts';
export { type AskDeps, type AskOptions, type AskResult, ask, interactionsRunning, type Output } from './ask.ts';
export {
  buildInteraction,
  buildOptions,
  CONSOLE_APPLICATION_ID,
  CONSOLE_CHANNEL_ID,
  CONSOLE_GUILD_ID,
  CONSOLE_USER_ID,
  commandFor,
  type Identity,
  snowflakeAt,
  typedValue,
} from './build-interaction.ts';
export { type ConsoleIo, EXIT, runConsole } from './cli.ts';
export { catalogueJson, catalogueText } from './commands-list.ts';
export { plain, renderConsoleMessage, renderMessage } from './render.ts';
