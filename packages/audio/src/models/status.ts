import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { STEMS, type Stem } from '../stems.ts';
import { sha256File } from './fetch.ts';
import { howToGetModels, type ModelManifest, modelFileName, parseManifest } from './manifest.ts';

export interface StemModelStatus {
  readonly path: string;
  readonly available: boolean;
  readonly bytes?: number;
  /** Why the file is not usable, when it is there but wrong. */
  readonly problem?: string;
}

export interface ModelStatus {
  readonly dir: string;
  readonly stems: Record<Stem, StemModelStatus>;
  readonly available: Stem[];
  readonly missing: Stem[];
  /** A plain sentence or two for people: what is there and how to get the rest. */
  readonly summary: string;
}

export interface ModelStatusOptions {
  /** Names and sizes (and hashes with `verify`) to check; default: the export script's names. */
  readonly manifest?: ModelManifest | unknown;
  /** Hash each present file against the manifest (reads every byte). */
  readonly verify?: boolean;
}

/** Which stems can be separated with the models in `dir`. */
export async function modelStatus(dir: string, options: ModelStatusOptions = {}): Promise<ModelStatus> {
  const manifest = options.manifest === undefined ? undefined : parseManifest(options.manifest);
  const stems = {} as Record<Stem, StemModelStatus>;
  for (const stem of STEMS) {
    const entry = manifest?.files.find((f) => f.stem === stem);
    const path = join(dir, entry?.file ?? modelFileName(stem));
    const found = await stat(path).catch(() => undefined);
    if (!found?.isFile()) {
      stems[stem] = { path, available: false };
      continue;
    }
    let problem: string | undefined;
    if (found.size === 0) problem = 'the file is empty';
    else if (entry?.bytes !== undefined && found.size !== entry.bytes) {
      problem = `the file is ${found.size} bytes; the manifest says ${entry.bytes}`;
    } else if (options.verify && entry && (await sha256File(path)) !== entry.sha256) {
      problem = 'its SHA-256 does not match the manifest';
    }
    stems[stem] = problem
      ? { path, available: false, bytes: found.size, problem }
      : { path, available: true, bytes: found.size };
  }
  const available = STEMS.filter((s) => stems[s].available);
  const missing = STEMS.filter((s) => !stems[s].available);
  return { dir, stems, available, missing, summary: summarize(dir, stems, available, missing) };
}

function summarize(dir: string, stems: Record<Stem, StemModelStatus>, available: Stem[], missing: Stem[]): string {
  if (missing.length === 0) return `All four stem models are available in ${dir}.`;
  const why = missing.map((s) => `${s} (${stems[s].problem ?? `no ${stems[s].path}`})`).join(', ');
  const head =
    available.length === 0
      ? `No stem models are available in ${dir}, so /boost and /reduce are off.`
      : `Stems available: ${available.join(', ')}. Missing: ${why}.`;
  return available.length === 0 ? `${head} Missing: ${why}. ${howToGetModels}` : `${head} ${howToGetModels}`;
}
