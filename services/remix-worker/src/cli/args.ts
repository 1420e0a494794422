import { PRESETS, STEMS, type Stem } from '@autoalex/terms/remix';
import { chooseRemix, type RemixSpec } from '../remix/request.ts';

export const USAGE = `Remix one stem of a local audio file, the way /boost and /reduce do (no Discord, no Plex):

  npm run remix -- <input audio> --stem <stem> --db <dB> [-o out.mp3]
  npm run remix -- <input audio> --stem <stem> --boost        (+4 dB)
  npm run remix -- <input audio> --stem <stem> --reduce       (-60 dB: removes it)
  npm run remix -- <input audio> --preset <preset>            (${Object.keys(PRESETS).join(', ')})

  stems: ${STEMS.join(', ')}; boosts +0.5 to +12 dB, reductions -60 to -0.5 dB.
  -o, --output <file>   where the MP3 goes (default "<input name> (<remix>).mp3" here)
  --title, --artist, --album <text>   tags (default: the file's own tags, else its name)
  --models <dir>        the htdemucs_ft ONNX models (default DEMUCS_MODEL_DIR, else DATA_DIR/models)
  --threads <n>         ONNX Runtime threads (default REMIX_THREADS, else every core)
  --shifts <n>          random-shift passes (demucs default 1; 0 = deterministic)
  --bitrate <kbit/s>    MP3 bitrate (default 320)
  --cache               keep/reuse separated stems in the blob store under DATA_DIR

Models:
  npm run remix -- --models-status [--models <dir>] [--verify]
  npm run remix -- --fetch-models --url <base URL of manifest.json> [--stems vocals,bass] [--models <dir>]
      downloads published htdemucs_ft ONNX files, SHA-256 checked against the manifest
  or export them yourself: python3 tools/export-htdemucs-onnx.py --out <dir> [--stems vocals]
`;

export type CliCommand =
  | { kind: 'help' }
  | {
      kind: 'remix';
      input: string;
      output: string | undefined;
      spec: RemixSpec;
      title: string | undefined;
      artist: string | undefined;
      album: string | undefined;
      models: string | undefined;
      threads: number | undefined;
      shifts: number | undefined;
      bitrateKbps: number;
      cache: boolean;
    }
  | { kind: 'fetch-models'; url: string; stems: Stem[] | undefined; models: string | undefined }
  | { kind: 'models-status'; models: string | undefined; verify: boolean };

export type Parsed = { ok: true; command: CliCommand } | { ok: false; problem: string };

const VALUE_OPTIONS = new Set([
  '--stem',
  '--db',
  '--preset',
  '-o',
  '--output',
  '--title',
  '--artist',
  '--album',
  '--models',
  '--threads',
  '--shifts',
  '--bitrate',
  '--url',
  '--stems',
]);
const FLAGS = new Set([
  '--boost',
  '--reduce',
  '--cache',
  '--fetch-models',
  '--models-status',
  '--verify',
  '--help',
  '-h',
]);
const BITRATES = [128, 160, 192, 224, 256, 320];

/** Reads the console's arguments. A value option takes the next word as it is, so `--db -60` works. */
export function parseCliArgs(argv: readonly string[]): Parsed {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (VALUE_OPTIONS.has(arg)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return { ok: false, problem: `${arg} needs a value` };
      const name = arg === '-o' ? '--output' : arg;
      if (values.has(name)) return { ok: false, problem: `${arg} is given twice` };
      values.set(name, value);
    } else if (FLAGS.has(arg) && inline === undefined) {
      flags.add(arg === '-h' ? '--help' : arg);
    } else if (arg.startsWith('-') && arg !== '-') {
      return { ok: false, problem: `unknown option ${arg}` };
    } else {
      positional.push(arg);
    }
  }
  if (flags.has('--help')) return { ok: true, command: { kind: 'help' } };
  const models = values.get('--models');

  if (flags.has('--fetch-models')) {
    const url = values.get('--url');
    if (!url) return { ok: false, problem: '--fetch-models needs --url <base URL where manifest.json is published>' };
    if (!/^https?:\/\//.test(url)) return { ok: false, problem: '--url must be an http:// or https:// address' };
    const stemList = values.get('--stems');
    let stems: Stem[] | undefined;
    if (stemList !== undefined) {
      const names = stemList
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = names.filter((s) => !(STEMS as readonly string[]).includes(s));
      if (bad.length > 0 || names.length === 0) {
        return { ok: false, problem: `--stems takes ${STEMS.join(', ')} (comma-separated), not ${stemList}` };
      }
      stems = names as Stem[];
    }
    return { ok: true, command: { kind: 'fetch-models', url, stems, models } };
  }
  if (flags.has('--models-status')) {
    return { ok: true, command: { kind: 'models-status', models, verify: flags.has('--verify') } };
  }

  if (positional.length === 0) return { ok: false, problem: 'give the input audio file' };
  if (positional.length > 1)
    return { ok: false, problem: `one input file, not ${positional.length}: ${positional.join(' ')}` };
  if (flags.has('--boost') && flags.has('--reduce'))
    return { ok: false, problem: 'choose --boost or --reduce, not both' };
  const dbText = values.get('--db');
  const gainDb = dbText === undefined ? undefined : Number(dbText);
  if (dbText !== undefined && (dbText.trim() === '' || !Number.isFinite(gainDb))) {
    return { ok: false, problem: `--db takes a number of dB, not "${dbText}"` };
  }
  const choice = chooseRemix({
    stem: values.get('--stem'),
    preset: values.get('--preset'),
    gainDb,
    mode: flags.has('--boost') ? 'boost' : flags.has('--reduce') ? 'reduce' : undefined,
  });
  if (!choice.ok) return choice;

  const threads = wholeNumber(values.get('--threads'), '--threads', 1, 256);
  if (typeof threads === 'string') return { ok: false, problem: threads };
  const shifts = wholeNumber(values.get('--shifts'), '--shifts', 0, 20);
  if (typeof shifts === 'string') return { ok: false, problem: shifts };
  const bitrate = wholeNumber(values.get('--bitrate'), '--bitrate', 32, 320);
  if (typeof bitrate === 'string') return { ok: false, problem: bitrate };
  if (bitrate !== undefined && !BITRATES.includes(bitrate)) {
    return { ok: false, problem: `--bitrate takes one of ${BITRATES.join(', ')}` };
  }
  return {
    ok: true,
    command: {
      kind: 'remix',
      input: positional[0]!,
      output: values.get('--output'),
      spec: choice.spec,
      title: values.get('--title'),
      artist: values.get('--artist'),
      album: values.get('--album'),
      models,
      threads,
      shifts,
      bitrateKbps: bitrate ?? 320,
      cache: flags.has('--cache'),
    },
  };
}

function wholeNumber(text: string | undefined, name: string, min: number, max: number): number | undefined | string {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    return `${name} takes a whole number from ${min} to ${max}, not "${text}"`;
  }
  return n;
}
