// bin/alex: the console front door. This file only wires: argv, the environment and the terminal.
import { resolve } from 'node:path';
import { runConsole } from './cli.ts';

const root = resolve(import.meta.dirname, '../../..');
process.stdout.on('error', () => {}); // a closed pipe (| head) must not crash it

const code = await runConsole(process.argv.slice(2), {
  root,
  env: process.env,
  answer: (text) => process.stdout.write(`${text}\n`),
  note: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
