export type { REST as DiscordRest } from '@discordjs/rest';
export {
  type CommandName,
  catalogue,
  commandByName,
  commandNames,
  commandsFor,
  defaultVisibility,
  isCommandName,
  type OptionsOf,
  type Scope,
  scopes,
} from './catalogue.ts';
export { type Ref, type RefKind, readRef, refKinds, refValue } from './choice-ref.ts';
export { presetStem, type ReducePreset, reducePresetChoices, type Stem, stemChoices } from './choices.ts';
export { reduceStem } from './commands/reduce.ts';
export {
  type CustomId,
  type CustomIdPrefix,
  customId,
  customIdPrefixes,
  maxCustomIdLength,
  newStateKey,
  parseCustomId,
} from './custom-id.ts';
export type { Area, ChatCommand, Context, Layout, LeafInfo, Visibility } from './define/command.ts';
export {
  DeployError,
  type DeployFailure,
  type DeployOptions,
  type DeployResult,
  deployCommands,
  type FetchLike,
  flattenErrors,
} from './deploy.ts';
export { lintCatalogue, lintCommand } from './lint.ts';
export { type FocusedOption, type ParsedOptions, parseOptions } from './parse-options.ts';
export {
  type ConsoleResponderOptions,
  type ConsoleTarget,
  createConsoleResponder,
} from './respond/console-responder.ts';
export {
  CONSOLE_DATA_FIELD,
  CONSOLE_FINAL_FIELD,
  CONSOLE_STREAM_TTL_MS,
  type ConsoleEntry,
  type ConsoleFinal,
  consoleFinal,
  readConsoleEntry,
} from './respond/console-stream.ts';
export { type AnswerTarget, createResponder, type ResponderDeps } from './respond/create-responder.ts';
export {
  autocompleteChoices,
  createDiscordResponder,
  type DiscordResponderOptions,
  type DiscordTarget,
  type InitialSink,
} from './respond/discord-responder.ts';
export { ResponderError, type ResponderFailure } from './respond/errors.ts';
export { EMBED_TOTAL, embedSize, fitEmbed } from './respond/fit-embed.ts';
export {
  type InteractionWebhook,
  type InteractionWebhookTarget,
  interactionWebhook,
  type WebhookBody,
} from './respond/interaction-webhook.ts';
export { escapeMarkdown } from './respond/markdown.ts';
export {
  EPHEMERAL,
  isEphemeral,
  MAX_CONTENT,
  MAX_EMBEDS,
  MAX_FILES,
  type MessageBody,
  messageBody,
  usableAttachmentBytes,
} from './respond/message.ts';
export {
  createDiscordRest,
  DiscordRequestError,
  type DiscordRestOptions,
  discordApiBase,
} from './respond/rest.ts';
export {
  INTERACTION_TOKEN_LIFETIME_MS,
  interactionCreatedAt,
  interactionTokenExpiresAt,
} from './respond/token.ts';
export type {
  AutocompleteChoice,
  ModalData,
  Outcome,
  OutgoingFile,
  OutgoingMessage,
  Responder,
  ResponderLogger,
  SentMessage,
} from './respond/types.ts';
