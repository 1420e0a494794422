import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveFfmpeg } from '@autoalex/audio';
import { writeFakeDemucsModel } from '@autoalex/audio/testing';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { type FakePlex, householdLibrary, startFakePlex } from '@autoalex/plex/testing';
import { freePort, type LogLine, type SpawnedService } from '@autoalex/runtime/testing';
import { STEMS } from '@autoalex/terms/remix';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlexRun, alex, jsonAnswers } from './support/alex.ts';
import { firstBeat, type ServiceName, startService } from './support/services.ts';

// /boost and /reduce end to end, through bin/alex: the real interactions service validates and
// queues, the real remix-worker (test-made Demucs models, real FFmpeg) takes the track from the
// fake Plex serving a real MP3 and edits the one console message through its progress to the MP3;
// the real library-worker keeps the mirror that titles are looked up in.

// The binaries the remix-worker resolves too; none usable fails this file with the resolver's message.
const binaries = await resolveFfmpeg();

const prefix = testQueuePrefix();
const DAILY_LIMIT = 2;
let dir: string;
let database: TestDatabase;
let plex: FakePlex;
const running: SpawnedService[] = [];

async function start(name: ServiceName, env: Record<string, string>, ready: ((line: LogLine) => boolean)[]) {
  const service = await startService(name, env, ready);
  running.push(service);
  return service;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'remix-e2e-'));
  mkdirSync(join(dir, 'models'));
  // Fake htdemucs_ft models: each stem is half the mix, the other sources garbage (a wrong pick shows).
  for (const [k, stem] of STEMS.entries()) {
    await writeFakeDemucsModel(join(dir, 'models', `htdemucs_ft.${stem}.onnx`), {
      waveGain: STEMS.map((_, s) => (s === k ? [0.5, 0.5] : [7, -7])),
    });
  }
  const mp3 = join(dir, 'track.mp3');
  execFileSync(binaries.ffmpeg.path, [
    ...['-nostdin', '-v', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=220:duration=6', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=6'],
    ...['-filter_complex', '[0][1]join=inputs=2:channel_layout=stereo', '-c:a', 'libmp3lame', '-b:a', '192k', mp3],
  ]);
  database = await createTestDatabase();
  plex = await startFakePlex(householdLibrary(), { audio: { bytes: readFileSync(mp3), container: 'mp3' } });

  const base = { DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, LOG_LEVEL: 'info' };
  const plexEnv = { PLEX_URL: plex.url, PLEX_TOKEN: plex.token };
  const limits = { REMIX_DAILY_LIMIT: String(DAILY_LIMIT) };
  await Promise.all([
    start('library-worker', { ...base, ...plexEnv, LIBRARY_WORKER_PORT: String(await freePort()) }, [
      firstBeat,
      (line) => line.msg === 'library sync finished' && line.job === 'sync-full',
    ]),
    start(
      'interactions',
      { ...base, ...plexEnv, ...limits, INTERACTIONS_PORT: String(await freePort()), RATE_LIMIT_PER_USER: '1000' },
      [(line) => line.msg === 'answering interactions from the queue', firstBeat],
    ),
    start(
      'remix-worker',
      {
        ...base,
        ...plexEnv,
        ...limits,
        REMIX_WORKER_PORT: String(await freePort()),
        DATA_DIR: join(dir, 'data'),
        DEMUCS_MODEL_DIR: join(dir, 'models'),
        REMIX_THREADS: '2',
      },
      [firstBeat],
    ),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((service) => service.stop('SIGTERM')));
  await plex?.close();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(...args: string[]): Promise<AlexRun> {
  return alex(args, { DATA_DIR: join(dir, 'console'), REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix });
}

/** Each answer's content, and the files the last one carries. */
function transcript(out: AlexRun) {
  const answers = jsonAnswers(out);
  const content = (body: Record<string, unknown>) =>
    String((body.type === 4 ? (body.data as Record<string, unknown>) : body).content ?? '');
  return { kinds: answers.map((a) => a.kind), texts: answers.map((a) => content(a.body)), last: answers.at(-1) };
}

function probe(path: string): { format: { format_name: string; duration: string; bit_rate: string } } {
  return JSON.parse(
    execFileSync(binaries.ffprobe.path, ['-v', 'error', '-show_format', '-of', 'json', path], { encoding: 'utf8' }),
  ) as { format: { format_name: string; duration: string; bit_rate: string } };
}

describe('remixes through bin/alex', () => {
  it('boost track=<key> stem=bass db=6: queued, every phase in one message, then the MP3', {
    timeout: 120_000,
  }, async () => {
    const out = await run('boost', 'track=5201', 'stem=bass', 'db=6', '--json');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const { kinds, texts, last } = transcript(out);
    // The interactions service answers first, the remix-worker edits that answer from then on.
    expect(kinds[0]).toBe('callback');
    expect(kinds.slice(1).every((k) => k === 'edit')).toBe(true);
    expect(texts[0]).toBe('⏳ Remix (bass +6 dB): queued — this message shows the progress, then the MP3.');
    expect(texts).toContain('⬇️ Remix (bass +6 dB): downloading the track…');
    expect(texts).toContain('🎚️ **So What** by Miles Davis (bass +6 dB): separating the bass… 0 %');
    expect(texts).toContain('🎛️ **So What** by Miles Davis (bass +6 dB): mixing and encoding the MP3…');
    expect(texts.at(-1)).toMatch(
      /^✅ \*\*So What\*\* by Miles Davis \(bass \+6 dB\) · bass \+6 dB · MP3 320 kbit\/s · /,
    );

    // The MP3: listed in the message, stored where the console can find it.
    const attachments = (last!.body.attachments ?? []) as { filename: string; size: number }[];
    expect(attachments).toHaveLength(1);
    expect(attachments[0]!.filename).toMatch(/\.mp3$/);
    const [stored] = last!.files as { storageKey: string; filename: string }[];
    expect(stored?.filename).toBe(attachments[0]!.filename);
    const file = join(dir, 'data', 'blobs', stored!.storageKey);
    expect(existsSync(file)).toBe(true);
    const { format } = probe(file);
    expect(format.format_name).toBe('mp3');
    expect(Math.abs(Number(format.duration) - 6)).toBeLessThan(0.1);
  });

  it('reduce by a typed title with a preset, found in the library mirror', { timeout: 120_000 }, async () => {
    const out = await run('reduce', 'track=Blue in Green', 'preset=karaoke', '--json');
    expect(out.code).toBe(0);
    const { texts } = transcript(out);
    expect(texts[0]).toBe(
      '⏳ **Blue in Green** by Miles Davis (karaoke): queued — this message shows the progress, then the MP3.',
    );
    expect(texts).toContain('🎚️ **Blue in Green** by Miles Davis (karaoke): separating the vocals… 0 %');
    expect(texts.at(-1)).toMatch(
      /^✅ \*\*Blue in Green\*\* by Miles Davis \(karaoke\) · vocals -60 dB · MP3 320 kbit\/s/,
    );
  });

  // Four console runs, each a Node start: over the default 30 s on a loaded two-core machine.
  it("refuses at once, before queueing, what the worker's limits would refuse; and bad options", {
    timeout: 60_000,
  }, async () => {
    const spent = await run('boost', 'track=5201', 'stem=vocals');
    expect(spent).toMatchObject({
      code: 1,
      stdout: `(only you can see this)\n\nYou have used today's ${DAILY_LIMIT} remixes; the allowance resets at midnight UTC.\n`,
    });
    const loud = await run('boost', 'track=5201', 'stem=bass', 'db=20');
    expect(loud).toMatchObject({
      code: 1,
      stdout: '(only you can see this)\n\n/boost: db must be between 0.5 and 12.\n',
    });
    const ambiguous = await run('reduce', 'track=blue', 'stem=drums');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toContain('Several tracks match "blue" — pick one from the suggestions of track:');
  });
});
