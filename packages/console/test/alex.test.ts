import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commandsFor } from '@autoalex/discord';
import { type FakeDiscord, startFakeDiscord } from '@autoalex/discord/testing';
import { freePort, type SpawnedService, spawnService } from '@autoalex/runtime/testing';
import { createEmptyDatabase, type TestDatabase, testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// End to end: the real interactions service process, and the console (packages/console/src/main.ts,
// what bin/alex runs) as a second process talking to it over Redis.

const root = resolve(import.meta.dirname, '../../..');
const serviceEntry = join(root, 'services/interactions/src/main.ts');
const consoleEntry = join(root, 'packages/console/src/main.ts');
const prefix = testQueuePrefix();
const dataDir = mkdtempSync(join(tmpdir(), 'alex-test-'));
let database: TestDatabase;
let service: SpawnedService;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function alex(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [consoleEntry, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

beforeAll(async () => {
  database = await createEmptyDatabase();
  service = spawnService(serviceEntry, {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix,
    INTERACTIONS_PORT: String(await freePort()),
    // Every run here is the same console user: keep the per-user limit out of the way.
    RATE_LIMIT_PER_USER: '1000',
  });
  await service.waitForLog((line) => line.msg === 'heartbeat: first beat written');
});

afterAll(async () => {
  await service?.stop('SIGTERM');
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('bin/alex against a running interactions service', () => {
  it('status: prints the suite health as text', async () => {
    const run = await alex(['status']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^== Autoalex: something is down ==$/m);
    expect(run.stdout).toContain('✅ interactions · ok, 1 replica');
    expect(run.stdout).toContain('❌ player · down, not running');
    expect(run.stdout).toContain('[ Details ]');
  });

  it('status details=true --member: the details, visible only to the member', async () => {
    const run = await alex(['status', 'details=true', '--member']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\(only you can see this\)$/m);
    expect(run.stdout).toMatch(/^ {2}✅ redis: PING answered \(\d+ ms\)$/m);
  });

  it('help: the catalogue grouped by half', async () => {
    const run = await alex(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Available now: /usage, /completion, /compare, /boost, /reduce, /status, /help.');
    for (const title of ['== Library & server ==', '== Music studio & player ==', '== The suite ==']) {
      expect(run.stdout).toContain(title);
    }
    expect(run.stdout).toContain('/play — Play a song from the library, or search for one · later release');
  });

  it('--json: one JSON line per answer, the payload Discord would get', async () => {
    const run = await alex(['help', 'command=status', '--json']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!) as { kind: string; body: { type: number; data: Record<string, unknown> } };
    expect(answer.kind).toBe('callback');
    expect(answer.body.type).toBe(4);
    expect(answer.body.data).toMatchObject({ flags: 64, embeds: [{ title: '/status' }] });
  });

  it('exits 1 with the honest answer for a command that is not available, and for a bad option', async () => {
    const play = await alex(['play', 'song=blue in green']);
    expect(play.code).toBe(1);
    expect(play.stdout).toContain('/play is not available yet — the voice player arrives in a later release.');
    const bad = await alex(['help', `command=${'x'.repeat(40)}`]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('/help: command is longer than 32 characters.');
  });

  it('exits 2 with the valid choices for an unknown command or option, before touching Redis', async () => {
    const unknown = await alex(['statsu'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^alex: unknown command 'statsu'\. Commands: usage, .*help; also: commands, deploy-commands$/m,
    );
    const option = await alex(['status', 'colour=red']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("alex: unknown option 'colour' for /status; options: details");
  });

  it('exits 3 with a clear message when the suite is not running', async () => {
    const silent = await alex(['status'], { QUEUE_PREFIX: testQueuePrefix() });
    expect(silent.code).toBe(3);
    expect(silent.stderr).toMatch(/^alex: the suite is not running: no interactions service has a heartbeat/);
    const noRedis = await alex(['status'], { REDIS_URL: '' });
    expect(noRedis.code).toBe(3);
    expect(noRedis.stderr).toMatch(/REDIS_URL is not set and no `npm start` is running here/);
  });

  it('commands --json: the catalogue exactly as registered', async () => {
    const run = await alex(['commands', '--json'], { REDIS_URL: '' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(commandsFor('all').map((c) => JSON.parse(JSON.stringify(c.data))));
  });
});

describe('bin/alex deploy-commands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('registers the catalogue in a guild with the configured application and token', async () => {
    const guild = fake.guilds[0]!.id;
    const run = await alex(['deploy-commands', '--guild', guild], {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.restOptions.api,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(`Registered 23 commands in server ${guild} (they show up at once).`);
    expect(fake.commands(guild).map((c) => c.name)).toEqual(commandsFor('all').map((c) => c.name));
    expect(fake.violations).toEqual([]);
  });

  it('says which settings are missing', async () => {
    const run = await alex(['deploy-commands'], { DISCORD_API_URL: fake.restOptions.api });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'alex: set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (or the environment) to register commands',
    );
  });
});
