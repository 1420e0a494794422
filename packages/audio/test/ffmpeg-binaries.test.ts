import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkTool,
  FFMPEG_CANDIDATES,
  FFMPEG_NEEDS,
  FFPROBE_CANDIDATES,
  FFPROBE_NEEDS,
  FfmpegUnavailableError,
  resolveTool,
  type ToolNeeds,
} from '../src/index.ts';

// The packaged FFmpeg and ffprobe (what a machine with only Node gets) can do everything the suite
// asks of FFmpeg, and the resolver picks the system's binary only when it can too.

/** The suite's needs plus what the tests make their fixtures with, and libopus for the voice player. */
const EVERYTHING: ToolNeeds = {
  filters: { ...FFMPEG_NEEDS.filters, sine: [], aevalsrc: [], anoisesrc: [], join: ['channel_layout'] },
  encoders: [...(FFMPEG_NEEDS.encoders ?? []), 'libopus', 'flac', 'aac', 'pcm_s16le'],
  muxers: [...(FFMPEG_NEEDS.muxers ?? []), 'flac', 'ipod', 'ogg', 'opus'],
  demuxers: [...(FFMPEG_NEEDS.demuxers ?? []), 'lavfi', 'hls', 'ogg', 'mov,mp4,m4a,3gp,3g2,mj2'],
};

const packagedFfmpeg = FFMPEG_CANDIDATES.packaged();
const packagedFfprobe = FFPROBE_CANDIDATES.packaged();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ffmpeg-binaries-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the packaged FFmpeg', () => {
  it('has every filter (with the options we set), codec and format the suite and its tests use', async () => {
    expect(await checkTool(packagedFfmpeg, EVERYTHING)).toMatchObject({ problems: [] });
    expect(await checkTool(packagedFfprobe, FFPROBE_NEEDS)).toMatchObject({ problems: [] });
  });

  it('runs the remix graph into an MP3 (libmp3lame) and an Opus file (libopus), which its ffprobe reads', async () => {
    const run = (out: string, codec: string[]) =>
      execFileSync(packagedFfmpeg, [
        ...['-nostdin', '-v', 'error', '-y'],
        ...['-f', 'lavfi', '-i', 'sine=frequency=220:duration=1:sample_rate=44100'],
        ...['-f', 'lavfi', '-i', 'sine=frequency=330:duration=1:sample_rate=44100'],
        '-filter_complex',
        '[1]volume=volume=0.5:precision=float[stem];[0][stem]amix=inputs=2:duration=first:dropout_transition=0:normalize=0,' +
          'alimiter=limit=0.891251:level=disabled:latency=enabled:attack=5:release=50',
        ...codec,
        out,
      ]);
    const mp3 = join(dir, 'remix.mp3');
    const opus = join(dir, 'remix.opus');
    run(mp3, ['-c:a', 'libmp3lame', '-b:a', '320k']);
    run(opus, ['-c:a', 'libopus', '-b:a', '128k']);
    const probe = (path: string) =>
      JSON.parse(
        execFileSync(packagedFfprobe, ['-v', 'error', '-show_streams', '-of', 'json', path], { encoding: 'utf8' }),
      ) as { streams: { codec_name: string }[] };
    expect(probe(mp3).streams[0]?.codec_name).toBe('mp3');
    expect(probe(opus).streams[0]?.codec_name).toBe('opus');
  });
});

describe('resolveTool', () => {
  /** A stand-in "system" ffmpeg: the packaged one, with its version line or one filter option changed. */
  async function fakeSystem(name: string, { version, hide }: { version?: string; hide?: string }): Promise<string> {
    const path = join(dir, name);
    const lines = ['#!/bin/sh'];
    if (version) lines.push(`if [ "$2" = "-version" ]; then echo "ffmpeg version ${version} Copyright"; exit 0; fi`);
    lines.push(hide ? `"${packagedFfmpeg}" "$@" | grep -v '^ *${hide} '` : `exec "${packagedFfmpeg}" "$@"`);
    await writeFile(path, `${lines.join('\n')}\n`);
    await chmod(path, 0o755);
    return path;
  }
  const candidates = (system: string) => ({ ...FFMPEG_CANDIDATES, system });

  it('takes the system binary when it has everything', async () => {
    const system = await fakeSystem('good', { version: '7.1.1-1+b1' });
    const { tool, note } = await resolveTool('ffmpeg', candidates(system), FFMPEG_NEEDS);
    expect(tool).toEqual({ path: system, origin: 'system', version: '7.1.1-1+b1' });
    expect(note).toBeUndefined();
  });

  it('passes over a system binary older than 5.0, or one without an option we set, and says why', async () => {
    const old = await fakeSystem('old', { version: '4.4.2-0ubuntu0.22.04.1' });
    const fromOld = await resolveTool('ffmpeg', candidates(old), FFMPEG_NEEDS);
    expect(fromOld.tool).toMatchObject({ path: packagedFfmpeg, origin: 'packaged' });
    expect(fromOld.note).toMatch(
      /^ffmpeg on PATH passed over \(version 4\.4\.2-0ubuntu0\.22\.04\.1 is older than 5\.0\)/,
    );

    const noLatency = await fakeSystem('no-latency', { hide: 'latency' });
    expect((await checkTool(noLatency, FFMPEG_NEEDS)).problems).toEqual(['alimiter filter without latency']);
    const fromNoLatency = await resolveTool('ffmpeg', candidates(noLatency), FFMPEG_NEEDS);
    expect(fromNoLatency.tool.origin).toBe('packaged');
    expect(fromNoLatency.note).toContain('alimiter filter without latency');
  });

  it('takes the packaged binary without a word when there is none on PATH', async () => {
    const { tool, note } = await resolveTool('ffmpeg', candidates(join(dir, 'absent')), FFMPEG_NEEDS);
    expect(tool.origin).toBe('packaged');
    expect(note).toBeUndefined();
  });

  it('refuses with one message naming what each binary lacks and what to do', async () => {
    const err = await resolveTool(
      'ffmpeg',
      {
        system: join(dir, 'absent'),
        packaged: () => {
          throw new Error('Unsupported platform/architecture: sunos-sparc');
        },
        packageName: 'node-ffmpeg-installer',
      },
      FFMPEG_NEEDS,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FfmpegUnavailableError);
    expect((err as Error).message).toBe(
      "no usable ffmpeg: the one on PATH: not found; node-ffmpeg-installer's: Unsupported platform/architecture: " +
        'sunos-sparc. Install FFmpeg 5.0 or later (apt-get install ffmpeg), or run `pnpm install` (npm start/npm ' +
        'test do) for the packaged one.',
    );
    const lacking = await resolveTool(
      'ffmpeg',
      { ...candidates(join(dir, 'absent')), packaged: () => join(dir, 'no-latency') },
      FFMPEG_NEEDS,
    ).catch((e: unknown) => e);
    expect((lacking as Error).message).toContain("node-ffmpeg-installer's: alimiter filter without latency.");
  });
});
