// @autoalex/stack: what `npm start` runs. Other local tools (the console, migrations) reuse these.
export { type EnvFile, parseEnvFile, readEnvFile } from './env-file.ts';
export { type FormatOptions, formatLogLine } from './log-format.ts';
export { readStackState, type StackState, stackStateFile } from './stack-state.ts';
