import { copyFile, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import {
  createSeparator,
  fetchModels,
  ModelFetchError,
  modelPathsIn,
  modelStatus,
  type Separator,
  type SeparatorOptions,
} from '@autoalex/audio';
import type { ConfigOf, core, remix, storage } from '@autoalex/config';
import { createStorage } from '@autoalex/storage';
import { remixLabel } from '@autoalex/terms/remix';
import { createBlobStemCache, noStemCache, type StemCache } from '../cache/stem-cache.ts';
import { runRemixPipeline } from '../pipeline/run-remix.ts';
import { megabytes } from '../pipeline/save-stream.ts';
import { withTempDir } from '../pipeline/temp-dir.ts';
import { isRemixError } from '../remix/errors.ts';
import { modelMissingMessage } from '../remix/models.ts';
import { acquireLocalFile } from '../sources/acquire.ts';
import { type CliCommand, parseCliArgs, USAGE } from './args.ts';

export type CliConfig = ConfigOf<typeof core> & ConfigOf<typeof storage> & ConfigOf<typeof remix>;

export interface CliDeps {
  readonly config: CliConfig;
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly signal?: AbortSignal | undefined;
  readonly fetch?: typeof globalThis.fetch;
  readonly createSeparator?: (options: SeparatorOptions) => Separator;
}

/** Exit statuses: 0 done, 1 could not (with the reason on stderr), 2 usage. */
export async function runCli(deps: CliDeps, argv: readonly string[]): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    deps.err(`remix: ${parsed.problem}\n\n${USAGE}`);
    return 2;
  }
  const command = parsed.command;
  switch (command.kind) {
    case 'help':
      deps.out(USAGE);
      return 0;
    case 'models-status':
      return modelsStatus(deps, command);
    case 'fetch-models':
      return fetchPublishedModels(deps, command);
    case 'remix':
      return remixFile(deps, command);
  }
}

function modelDir(deps: CliDeps, given: string | undefined): string {
  return resolve(deps.cwd, given ?? deps.config.DEMUCS_MODEL_DIR ?? join(deps.config.DATA_DIR, 'models'));
}

async function modelsStatus(deps: CliDeps, command: Extract<CliCommand, { kind: 'models-status' }>): Promise<number> {
  const dir = modelDir(deps, command.models);
  const manifest = await readFile(join(dir, 'manifest.json'), 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => undefined);
  try {
    const status = await modelStatus(dir, { manifest, verify: command.verify });
    for (const [stem, s] of Object.entries(status.stems)) {
      deps.out(
        `${stem.padEnd(7)} ${s.available ? 'ok     ' : 'missing'} ${s.path}${s.problem ? ` (${s.problem})` : ''}`,
      );
    }
    deps.out(status.summary);
    return status.missing.length === 0 ? 0 : 1;
  } catch (err) {
    deps.err(`remix: ${(err as Error).message}`);
    return 1;
  }
}

async function fetchPublishedModels(
  deps: CliDeps,
  command: Extract<CliCommand, { kind: 'fetch-models' }>,
): Promise<number> {
  const dir = modelDir(deps, command.models);
  const base = command.url.endsWith('/') ? command.url : `${command.url}/`;
  const doFetch = deps.fetch ?? globalThis.fetch;
  try {
    const response = await doFetch(new URL('manifest.json', base), { signal: deps.signal ?? null });
    if (!response.ok) {
      deps.err(
        `remix: ${base}manifest.json answered ${response.status}; is --url the folder the models are published in?`,
      );
      return 1;
    }
    const manifest = (await response.json()) as unknown;
    let lastPercent = -1;
    const result = await fetchModels({
      baseUrl: base,
      dir,
      manifest,
      ...(command.stems ? { stems: command.stems } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
      fetch: doFetch,
      onProgress: ({ file, bytes, total }) => {
        if (!total) return;
        const percent = Math.floor((100 * bytes) / total / 10) * 10;
        if (percent !== lastPercent) deps.err(`${file}: ${percent} %`);
        lastPercent = percent;
      },
    });
    for (const stem of result.present) deps.out(`${stem}: already there, checksum ok (${result.paths[stem]})`);
    for (const stem of result.downloaded) deps.out(`${stem}: downloaded, checksum ok (${result.paths[stem]})`);
    return 0;
  } catch (err) {
    const why = err instanceof ModelFetchError ? err.message : `could not fetch the models: ${(err as Error).message}`;
    deps.err(`remix: ${why}`);
    return 1;
  }
}

async function remixFile(deps: CliDeps, command: Extract<CliCommand, { kind: 'remix' }>): Promise<number> {
  const { spec } = command;
  const { config } = deps;
  const dir = modelDir(deps, command.models);
  const status = await modelStatus(dir);
  const model = status.stems[spec.stem];
  if (!model.available) {
    deps.err(`remix: ${modelMissingMessage(spec.stem, model.problem ?? `${model.path} is not there`, dir)}`);
    return 1;
  }
  const input = resolve(deps.cwd, command.input);
  const outPath = resolve(
    deps.cwd,
    command.output ?? `${basename(input, extname(input))} (${remixLabel(spec).replace(/[/\\]/g, '-')}).mp3`,
  );
  if (outPath === input) {
    deps.err('remix: the output would overwrite the input; give another -o');
    return 2;
  }
  const make = deps.createSeparator ?? createSeparator;
  const separator = make({
    modelPaths: modelPathsIn(dir),
    ...((command.threads ?? config.REMIX_THREADS) !== undefined
      ? { threads: command.threads ?? config.REMIX_THREADS }
      : {}),
    ...(command.shifts !== undefined ? { shifts: command.shifts } : {}),
  });
  const storage = command.cache ? createStorage(config) : undefined;
  const cache: StemCache = storage ? createBlobStemCache(storage) : noStemCache;
  let shown = -1;
  try {
    await withTempDir(async (workDir) => {
      const source = await acquireLocalFile(input, workDir, {
        maxBytes: config.REMIX_MAX_DOWNLOAD_MB * 1024 * 1024,
        signal: deps.signal,
      });
      const output = await runRemixPipeline(
        {
          separator,
          modelPaths: modelPathsIn(dir),
          cache,
          maxSeconds: config.REMIX_MAX_SECONDS,
          modelDirForMessages: dir,
          logger: { warn: (_fields, message) => deps.err(`remix: ${message}`) },
        },
        {
          workDir,
          source: source.file,
          spec,
          track: { ...source.track, title: command.title, artist: command.artist, album: command.album },
          bitrateKbps: command.bitrateKbps,
          signal: deps.signal,
          onProgress: (p) => {
            if (p.phase === 'mixing') {
              deps.err('mixing and encoding the MP3…');
              return;
            }
            const percent = Math.floor(p.fraction * 10) * 10;
            if (percent !== shown) deps.err(`separating the ${spec.stem}: ${percent} %`);
            shown = percent;
          },
        },
      );
      await copyFile(output.mp3Path, outPath);
      deps.out(
        `${outPath}: ${output.tags.title}, ${output.seconds.toFixed(1)} s, MP3 ${output.bitrateKbps} kbit/s, ${megabytes(output.bytes)}${output.cacheHit ? ' (stem from the cache)' : ''}`,
      );
    });
    return 0;
  } catch (err) {
    if (isRemixError(err)) {
      deps.err(`remix: ${err.message}`);
      return 1;
    }
    if (deps.signal?.aborted) {
      deps.err('remix: stopped');
      return 1;
    }
    throw err;
  } finally {
    await separator.close();
    await storage?.close();
  }
}
