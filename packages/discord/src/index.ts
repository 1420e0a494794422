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
