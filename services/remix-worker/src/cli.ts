// `npm run remix -- <input audio> --stem vocals --db -60 -o out.mp3`: the remix pipeline on a local
// file, without Discord or Plex; also fetches and checks the Demucs models. This file only wires.
import { ConfigError, type ConfigOf, core, loadConfig, remix, storage } from '@autoalex/config';
import { runCli } from './cli/run-cli.ts';

const shape = { ...core, ...storage, ...remix };
let config: ConfigOf<typeof shape>;
try {
  config = loadConfig(shape, process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`remix: ${err.message}`);
  process.exit(78);
}
const stop = new AbortController();
process.once('SIGINT', () => stop.abort(new Error('interrupted')));
process.once('SIGTERM', () => stop.abort(new Error('terminated')));
const code = await runCli(
  {
    config,
    cwd: process.cwd(),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    signal: stop.signal,
  },
  process.argv.slice(2),
);
process.exit(code);
