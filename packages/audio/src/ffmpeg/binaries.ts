import { createRequire } from 'node:module';
import { spawnTool } from './restricted.ts';

// The one place that decides which ffmpeg and ffprobe run (ADR 0220): the system's, when one on PATH
// is recent enough and has every filter, codec and format the suite uses; else the binaries that npm
// installed with this package (node-ffmpeg-installer, @ffprobe-installer/ffprobe), checked the same way.

/** Oldest FFmpeg release the remix works with: alimiter's `latency` (delay compensation) came in 5.0. */
export const FFMPEG_MIN_VERSION = { major: 5, minor: 0 } as const;

/** What one binary must offer: filters with the options we set, encoders, muxers, demuxers. */
export interface ToolNeeds {
  readonly filters?: Readonly<Record<string, readonly string[]>>;
  readonly encoders?: readonly string[];
  readonly muxers?: readonly string[];
  readonly demuxers?: readonly string[];
}

/** Everything the suite's own FFmpeg calls use (decode, the remix graph, the MP3 with its cover). */
export const FFMPEG_NEEDS: ToolNeeds = {
  filters: {
    pan: [],
    aresample: [],
    aformat: ['sample_fmts', 'channel_layouts'],
    volume: ['volume', 'precision'],
    amix: ['inputs', 'duration', 'dropout_transition', 'normalize'],
    alimiter: ['limit', 'level', 'latency', 'attack', 'release'],
  },
  encoders: ['libmp3lame', 'pcm_f32le'],
  muxers: ['mp3', 'f32le', 'wav'],
  demuxers: ['f32le', 'wav', 'png_pipe', 'jpeg_pipe', 'mp3', 'flac'],
};

/** What probeAudioFile asks of ffprobe. */
export const FFPROBE_NEEDS: ToolNeeds = { demuxers: ['mp3', 'flac', 'wav'] };

export interface ToolCheck {
  /** The version as the binary prints it (`6.1.1-3ubuntu5`, `5.1.1-static`, `N-66595-g…` for a git build). */
  readonly version: string;
  /** Why this binary will not do, one phrase each; empty when it does. */
  readonly problems: readonly string[];
}

/** Runs `binary -version` and the listings `needs` names; says what is too old or missing. */
export async function checkTool(binary: string, needs: ToolNeeds): Promise<ToolCheck> {
  const ask = (args: string[]) =>
    spawnTool(binary, ['-hide_banner', ...args], { captureStdout: true, signal: AbortSignal.timeout(20_000) }).then(
      (out) => out.toString('utf8'),
    );
  const versionText = await ask(['-version']);
  const version = /version\s+(\S+)/.exec(versionText)?.[1] ?? 'unknown';
  const problems: string[] = [];
  const release = /^n?(\d+)\.(\d+)/.exec(version);
  // Git builds (`N-…`) carry no release number: their listings below decide.
  if (release && olderThanMinimum(Number(release[1]), Number(release[2]))) {
    problems.push(`version ${version} is older than ${FFMPEG_MIN_VERSION.major}.${FFMPEG_MIN_VERSION.minor}`);
  }
  const filters = Object.keys(needs.filters ?? {});
  const [filterList, encoderList, muxerList, demuxerList] = await Promise.all([
    filters.length ? ask(['-filters']) : '',
    needs.encoders?.length ? ask(['-encoders']) : '',
    needs.muxers?.length ? ask(['-muxers']) : '',
    needs.demuxers?.length ? ask(['-demuxers']) : '',
  ]);
  const absent = (kind: string, list: string, wanted: readonly string[] = []) => {
    const names = listedNames(list);
    for (const name of wanted) if (!names.has(name)) problems.push(`no ${name} ${kind}`);
  };
  absent('filter', filterList, filters);
  absent('encoder', encoderList, needs.encoders);
  absent('muxer', muxerList, needs.muxers);
  absent('demuxer', demuxerList, needs.demuxers);
  const present = listedNames(filterList);
  const lacking = await Promise.all(
    Object.entries(needs.filters ?? {})
      .filter(([name, options]) => options.length > 0 && present.has(name))
      .map(async ([name, options]) => {
        const help = await ask(['-h', `filter=${name}`]);
        const missing = options.filter((option) => !new RegExp(`^\\s+${option}\\s+<`, 'm').test(help));
        return missing.length ? `${name} filter without ${missing.join(', ')}` : undefined;
      }),
  );
  for (const problem of lacking) if (problem) problems.push(problem);
  return { version, problems };
}

function olderThanMinimum(major: number, minor: number): boolean {
  return major < FFMPEG_MIN_VERSION.major || (major === FFMPEG_MIN_VERSION.major && minor < FFMPEG_MIN_VERSION.minor);
}

/** Names in an `-filters`/`-encoders`/`-muxers`/`-demuxers` listing: the word after the flags column. */
function listedNames(list: string): Set<string> {
  const names = new Set<string>();
  for (const line of list.split('\n')) {
    const name = line.trim().split(/\s+/)[1];
    if (!name) continue;
    names.add(name);
    // `mov,mp4,m4a,3gp,3g2,mj2` is one demuxer known by each of its names.
    for (const part of name.split(',')) names.add(part);
  }
  return names;
}

export interface ResolvedTool {
  readonly path: string;
  readonly origin: 'system' | 'packaged';
  readonly version: string;
}

export interface FfmpegBinaries {
  readonly ffmpeg: ResolvedTool;
  readonly ffprobe: ResolvedTool;
  /** Why a system binary was passed over for the packaged one (for a log line); empty when not. */
  readonly notes: readonly string[];
}

/** Neither the system's nor the packaged binary will do; the message says what each lacks. */
export class FfmpegUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FfmpegUnavailableError';
  }
}

/** Where to look: the name to find on PATH, and the packaged binary's path (throws, saying why, when absent). */
export interface ToolCandidates {
  readonly system: string;
  readonly packaged: () => string;
  readonly packageName: string;
}

const requireHere = createRequire(import.meta.url);

export const FFMPEG_CANDIDATES: ToolCandidates = {
  system: 'ffmpeg',
  packaged: () => packagedPath('node-ffmpeg-installer'),
  packageName: 'node-ffmpeg-installer',
};

export const FFPROBE_CANDIDATES: ToolCandidates = {
  system: 'ffprobe',
  packaged: () => packagedPath('@ffprobe-installer/ffprobe'),
  packageName: '@ffprobe-installer/ffprobe',
};

function packagedPath(name: string): string {
  try {
    return (requireHere(name) as { path: string }).path;
  } catch (err) {
    // These installers throw plain strings for an unsupported platform or a missing binary.
    throw new Error(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The system's binary when it passes `checkTool`, else the packaged one when that passes; rejects
 * with FfmpegUnavailableError saying what each lacks and what to do.
 */
export async function resolveTool(
  name: string,
  candidates: ToolCandidates,
  needs: ToolNeeds,
): Promise<{ tool: ResolvedTool; note?: string }> {
  const system = await checkTool(candidates.system, needs).then(
    (check) => ({ check }),
    (err: unknown) => ({ error: reasonOf(err) }),
  );
  if ('check' in system && system.check.problems.length === 0) {
    return { tool: { path: candidates.system, origin: 'system', version: system.check.version } };
  }
  const systemWhy = 'check' in system ? system.check.problems.join('; ') : system.error;
  let packagedWhy: string;
  try {
    const path = candidates.packaged();
    const check = await checkTool(path, needs);
    if (check.problems.length === 0) {
      const tool: ResolvedTool = { path, origin: 'packaged', version: check.version };
      // Worth a log line only when a system binary was there but not good enough.
      if (systemWhy === 'not found') return { tool };
      return {
        tool,
        note: `${name} on PATH passed over (${systemWhy}); using ${candidates.packageName}'s ${check.version}`,
      };
    }
    packagedWhy = check.problems.join('; ');
  } catch (err) {
    packagedWhy = reasonOf(err);
  }
  throw new FfmpegUnavailableError(
    `no usable ${name}: the one on PATH: ${systemWhy}; ${candidates.packageName}'s: ${packagedWhy}. ` +
      `Install FFmpeg ${FFMPEG_MIN_VERSION.major}.${FFMPEG_MIN_VERSION.minor} or later (apt-get install ffmpeg), ` +
      'or run `pnpm install` (npm start/npm test do) for the packaged one.',
  );
}

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES') return 'not executable (run `pnpm install`: its install script makes it so)';
  return err instanceof Error ? err.message : String(err);
}

let resolved: Promise<FfmpegBinaries> | undefined;

/**
 * The ffmpeg and ffprobe every FFmpeg call of the suite runs (resolved once per process; a failure
 * is not remembered, so installing FFmpeg later works without a restart).
 */
export function resolveFfmpeg(): Promise<FfmpegBinaries> {
  resolved ??= (async () => {
    const [ffmpeg, ffprobe] = await Promise.all([
      resolveTool('ffmpeg', FFMPEG_CANDIDATES, FFMPEG_NEEDS),
      resolveTool('ffprobe', FFPROBE_CANDIDATES, FFPROBE_NEEDS),
    ]);
    return {
      ffmpeg: ffmpeg.tool,
      ffprobe: ffprobe.tool,
      notes: [ffmpeg.note, ffprobe.note].filter((n): n is string => n !== undefined),
    };
  })();
  resolved.catch(() => {
    resolved = undefined;
  });
  return resolved;
}
