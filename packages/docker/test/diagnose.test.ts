import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { promisify } from 'node:util';
import { startFakeServer } from '@autoalex/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDockerClient, type Diagnosis, type DiagnosisOk, diagnoseContainer } from '../src/index.ts';
import { type FakeDocker, startFakeDocker } from '../src/testing/index.ts';

// diagnoseContainer with the real dockerode client against the fake Docker Engine on a UNIX
// socket in a temporary directory (and over TCP where a socket proxy is involved).

let fake: FakeDocker;

beforeAll(async () => {
  fake = await startFakeDocker({
    containers: [
      {
        name: 'binhex-plexpass',
        image: 'binhex/arch-plexpass:latest',
        health: { status: 'healthy', log: [{ exitCode: 0, output: 'OK\n' }] },
        logs: [
          'Starting Plex Media Server',
          { text: 'Sqlite3: Sleeping for 200ms to retry busy DB', stream: 'stderr' },
          'Plex Media Server is ready',
        ],
      },
      {
        name: 'tautulli',
        status: 'exited',
        exitCode: 137,
        oomKilled: true,
        logs: ['Tautulli started', { text: 'Killed', stream: 'stderr' }],
      },
      { name: 'sonarr', status: 'restarting', exitCode: 1, restartCount: 12, logs: ['[Fatal] cannot open /config'] },
      {
        name: 'overseerr',
        health: {
          status: 'unhealthy',
          failingStreak: 4,
          log: [
            { exitCode: 1, output: 'curl: (7) Failed to connect to localhost port 5055 after 0 ms' },
            { exitCode: 1, output: 'curl: (28) Operation timed out after 10001 milliseconds\n' },
          ],
        },
      },
      { name: 'console', tty: true, logs: ['\u001b[32minfo\u001b[0m ready', '{"level":"info","msg":"json line"}'] },
    ],
  });
});

afterAll(async () => {
  await fake?.close();
});

afterEach(() => {
  Object.assign(fake.behaviour, { delayMs: 0, stall: false, fail: null, chunkBytes: null, truncateLogsAt: null });
  fake.releaseStalled();
});

function expectOk(result: Diagnosis): DiagnosisOk {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
  return result;
}

const texts = (result: DiagnosisOk) => result.logs.lines.map((l) => `${l.stream === 'stderr' ? 'E ' : ''}${l.text}`);

describe('diagnoseContainer over a unix socket', () => {
  it('reports a healthy container with its last log lines, stderr marked', async () => {
    const before = fake.requests.length;
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'binhex-plexpass'));
    expect(result.container).toEqual({
      name: 'binhex-plexpass',
      id: fake.containers.get('binhex-plexpass')!.id,
      image: 'binhex/arch-plexpass:latest',
      state: {
        status: 'running',
        running: true,
        restarting: false,
        oomKilled: false,
        exitCode: 0,
        error: null,
        startedAt: fake.containers.get('binhex-plexpass')!.startedAt,
        finishedAt: null,
      },
      health: { status: 'healthy', failingStreak: 0, lastOutput: 'OK' },
      restartCount: 0,
    });
    expect(texts(result)).toEqual([
      'Starting Plex Media Server',
      'E Sqlite3: Sleeping for 200ms to retry busy DB',
      'Plex Media Server is ready',
    ]);
    expect(result.logs.lines.every((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(l.timestamp ?? ''))).toBe(true);
    expect(result.logs).toMatchObject({ truncated: false, problem: null });

    const asked = fake.requests.slice(before);
    expect(asked.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /_ping',
      `GET /v${fake.apiVersion}/containers/binhex-plexpass/json`,
      `GET /v${fake.apiVersion}/containers/binhex-plexpass/logs`,
    ]);
    expect(Object.fromEntries(asked[2]!.query)).toEqual({ stdout: '1', stderr: '1', tail: '50', timestamps: '1' });
    expect(asked.every((r) => r.transport === 'unix')).toBe(true);
  });

  it('reports an exited container killed by the OOM killer with exit code 137', async () => {
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'tautulli'));
    expect(result.container.state).toMatchObject({ status: 'exited', running: false, oomKilled: true, exitCode: 137 });
    expect(result.container.state.finishedAt).toMatch(/^2026-/);
    expect(result.container.health).toBeNull();
    expect(texts(result)).toEqual(['Tautulli started', 'E Killed']);
  });

  it('reports a restarting container with its restart count', async () => {
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'sonarr'));
    expect(result.container.state).toMatchObject({ status: 'restarting', restarting: true, exitCode: 1 });
    expect(result.container.restartCount).toBe(12);
  });

  it('reports an unhealthy container with its failing streak and last check output', async () => {
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'overseerr'));
    expect(result.container.health).toEqual({
      status: 'unhealthy',
      failingStreak: 4,
      lastOutput: 'curl: (28) Operation timed out after 10001 milliseconds',
    });
  });

  it('reads a TTY container as raw text: CRLF and colours gone, a JSON line stays text', async () => {
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'console'));
    expect(result.logs.lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'info ready'],
      ['stdout', '{"level":"info","msg":"json line"}'],
    ]);
  });

  it('demultiplexes frames the daemon sends split across chunks', async () => {
    fake.containers.add({
      name: 'chunked',
      logs: [
        { text: `long ${'é'.repeat(300)} end`, stream: 'stdout' },
        { text: 'warn: ☃ snow', stream: 'stderr' },
        'short',
      ],
    });
    const whole = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'chunked'));
    for (const size of [1, 3, 7, 8, 9]) {
      fake.behaviour.chunkBytes = size;
      const chunked = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'chunked'));
      expect(chunked.logs, `chunks of ${size} bytes`).toEqual(whole.logs);
    }
    expect(texts(whole)).toEqual([`long ${'é'.repeat(300)} end`, 'E warn: ☃ snow', 'short']);
  });

  it('asks for the tail it was given and returns only those lines', async () => {
    fake.containers.add({ name: 'chatty', logs: Array.from({ length: 30 }, (_, i) => `line ${i}`) });
    const before = fake.requests.length;
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'chatty', { tailLines: 3 }));
    expect(texts(result)).toEqual(['line 27', 'line 28', 'line 29']);
    expect(
      fake.requests
        .slice(before)
        .find((r) => r.endpoint.endsWith('/logs'))
        ?.query.get('tail'),
    ).toBe('3');
  });

  it('keeps the newest lines within maxLogBytes and says it truncated', async () => {
    fake.containers.add({
      name: 'big',
      logs: Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, '0')} ${'x'.repeat(95)}`),
    });
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'big', { maxLogBytes: 1000 }));
    expect(result.logs.truncated).toBe(true);
    expect(result.logs.lines.length).toBeLessThan(40);
    expect(result.logs.lines.at(-1)?.text.startsWith('39 ')).toBe(true);
    expect(result.logs.lines.reduce((n, l) => n + Buffer.byteLength(l.text) + 1, 0)).toBeLessThanOrEqual(1000);
  });

  it('marks logs truncated when the body ends inside a frame', async () => {
    fake.containers.add({ name: 'cut', logs: ['first line', 'second line'] });
    fake.behaviour.truncateLogsAt = 8 + 42 + 8 + 10;
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'cut'));
    expect(result.logs.truncated).toBe(true);
    expect(result.logs.lines[0]?.text).toBe('first line');
    expect(result.logs.lines).toHaveLength(2);
  });

  it('shows a non-TTY body that is not frames as raw text instead of failing', async () => {
    fake.containers.add({ name: 'garbled', rawLogBody: Buffer.from('plain output\nsecond\n') });
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'garbled'));
    expect(texts(result)).toEqual(['plain output', 'second']);
  });

  it('redacts known secrets, secret-looking values and the container’s own secret env values', async () => {
    fake.containers.add({
      name: 'leaky',
      env: ['PLEX_CLAIM=claim-abcdefghijklmnop', 'PUID=99', 'TZ=Europe/Paris'],
      logs: [
        'connecting with X-Plex-Token=abcdef123456',
        'url http://admin:hunter2hunter2@db:5432/plex',
        'using key sk-live-0123456789 for provider',
        'claim token claim-abcdefghijklmnop accepted',
        'timezone Europe/Paris',
      ],
      health: {
        status: 'unhealthy',
        failingStreak: 1,
        log: [{ exitCode: 1, output: 'auth failed: password=swordfish1' }],
      },
    });
    const result = expectOk(
      await diagnoseContainer(createDockerClient(fake.dockerHost), 'leaky', { secrets: ['sk-live-0123456789'] }),
    );
    const all = JSON.stringify(result);
    for (const secret of [
      'abcdef123456',
      'hunter2hunter2',
      'sk-live-0123456789',
      'claim-abcdefghijklmnop',
      'swordfish1',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(texts(result)).toEqual([
      'connecting with X-Plex-Token=[redacted]',
      'url http://admin:[redacted]@db:5432/plex',
      'using key [redacted] for provider',
      'claim token [redacted] accepted',
      'timezone Europe/Paris',
    ]);
    expect(result.container.health?.lastOutput).toBe('auth failed: password=[redacted]');
  });
});

describe('diagnoseContainer when Docker cannot help', () => {
  it('says a missing container is missing', async () => {
    expect(await diagnoseContainer(createDockerClient(fake.dockerHost), 'ghost')).toEqual({
      kind: 'unavailable',
      name: 'ghost',
      reason: 'container-missing',
      message: 'container ghost not found',
    });
  });

  it('refuses a name Docker could never have, without asking Docker', async () => {
    const before = fake.requests.length;
    const result = await diagnoseContainer(createDockerClient(fake.dockerHost), '../../info?x=1');
    expect(result).toMatchObject({ kind: 'unavailable', reason: 'container-missing' });
    expect(result.kind === 'unavailable' && result.message).toBe('"../../info?x=1" is not a valid container name');
    expect(fake.requests.length).toBe(before);
  });

  it('names the socket path when the socket does not exist', async () => {
    const missing = `${fake.socketPath}.missing`;
    const result = await diagnoseContainer(createDockerClient(`unix://${missing}`), 'binhex-plexpass');
    expect(result).toEqual({
      kind: 'unavailable',
      name: 'binhex-plexpass',
      reason: 'docker-unreachable',
      message: `Docker is unreachable at unix://${missing} (ENOENT): mount the socket or set DOCKER_HOST to a socket proxy`,
    });
  });

  it('says docker is unreachable when the connection drops without an answer', async () => {
    fake.behaviour.fail = 'reset';
    const result = await diagnoseContainer(createDockerClient(fake.dockerHost), 'binhex-plexpass');
    expect(result).toMatchObject({ kind: 'unavailable', reason: 'docker-unreachable' });
  });

  it('times out on a daemon that does not answer', async () => {
    fake.behaviour.stall = true;
    const result = await diagnoseContainer(createDockerClient(fake.dockerHost), 'binhex-plexpass', { timeoutMs: 150 });
    expect(result).toEqual({
      kind: 'unavailable',
      name: 'binhex-plexpass',
      reason: 'timeout',
      message: `Docker at ${fake.dockerHost} did not answer GET /_ping within 150 ms`,
    });
  });

  it('times out in the middle of the logs and still reports the container', async () => {
    fake.behaviour.stall = (r) => r.endpoint.endsWith('/logs');
    // Generous: ping and inspect must finish inside the deadline even on a loaded machine.
    const result = expectOk(
      await diagnoseContainer(createDockerClient(fake.dockerHost), 'sonarr', { timeoutMs: 1500 }),
    );
    expect(result.container).toMatchObject({ name: 'sonarr', restartCount: 12 });
    expect(result.logs).toEqual({
      lines: [],
      truncated: false,
      problem: {
        reason: 'timeout',
        message: `Docker at ${fake.dockerHost} did not answer GET /containers/sonarr/logs within 1500 ms`,
      },
    });
  });

  it('still reports the container when its logging driver cannot be read', async () => {
    fake.containers.add({ name: 'silent', logDriver: 'none', status: 'exited', exitCode: 1 });
    const result = expectOk(await diagnoseContainer(createDockerClient(fake.dockerHost), 'silent'));
    expect(result.container.state).toMatchObject({ status: 'exited', exitCode: 1 });
    expect(result.logs).toEqual({
      lines: [],
      truncated: false,
      problem: {
        reason: 'bad-response',
        message:
          'Docker cannot read the logs of silent: its logging driver does not support reading (use json-file or local)',
      },
    });
  });

  it('reports a daemon error as a bad response with the daemon message', async () => {
    fake.behaviour.fail = { status: 500, message: 'Something went wrong with the storage driver' };
    const result = await diagnoseContainer(createDockerClient(fake.dockerHost), 'binhex-plexpass');
    expect(result).toMatchObject({ kind: 'unavailable', reason: 'bad-response' });
    expect(result.kind === 'unavailable' && result.message).toContain(
      'HTTP 500: Something went wrong with the storage driver',
    );
  });

  it('reports a server that is not Docker as a bad response', async () => {
    const web = await startFakeServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>router admin</body></html>');
    });
    try {
      const result = await diagnoseContainer(createDockerClient(web.url), 'binhex-plexpass');
      expect(result).toMatchObject({ kind: 'unavailable', reason: 'bad-response' });
      expect(result.kind === 'unavailable' && result.message).toBe(
        `Docker at ${web.url} answered GET /containers/binhex-plexpass/json with something that is not a container (the body is not JSON)`,
      );
    } finally {
      await web.close();
    }
  });
});

describe('diagnoseContainer through a socket proxy over TCP', () => {
  it('works through a proxy that allows containers, ping and version', async () => {
    const proxy = await startFakeDocker({
      tcp: true,
      proxy: { allow: ['containers', 'ping', 'version'] },
      containers: [{ name: 'binhex-plexpass', logs: ['ready'] }],
    });
    try {
      const result = expectOk(await diagnoseContainer(createDockerClient(proxy.tcpHost!), 'binhex-plexpass'));
      expect(texts(result)).toEqual(['ready']);
      expect(proxy.requests.every((r) => r.transport === 'tcp')).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('goes on unversioned when the proxy hides /_ping', async () => {
    const proxy = await startFakeDocker({
      tcp: true,
      proxy: { allow: ['containers'] },
      containers: [{ name: 'binhex-plexpass', logs: ['ready'] }],
    });
    try {
      const result = expectOk(await diagnoseContainer(createDockerClient(proxy.url!), 'binhex-plexpass'));
      expect(texts(result)).toEqual(['ready']);
      expect(proxy.requests.map((r) => r.path)).toEqual([
        '/_ping',
        '/containers/binhex-plexpass/json',
        '/containers/binhex-plexpass/logs',
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('says permission denied when the proxy forbids containers', async () => {
    const proxy = await startFakeDocker({ tcp: true, proxy: { allow: ['ping'] }, containers: [{ name: 'plex' }] });
    try {
      expect(await diagnoseContainer(createDockerClient(proxy.tcpHost!), 'plex')).toEqual({
        kind: 'unavailable',
        name: 'plex',
        reason: 'permission-denied',
        message: `permission denied: Docker at ${proxy.tcpHost} refused GET /containers/plex/json (HTTP 403); the socket proxy must allow CONTAINERS=1 (and PING=1, VERSION=1)`,
      });
    } finally {
      await proxy.close();
    }
  });

  it('talks the version the daemon offers, capped at the one this package knows', async () => {
    for (const [served, used] of [
      ['1.45', '1.45'],
      ['1.60', '1.56'],
    ] as const) {
      const daemon = await startFakeDocker({ apiVersion: served, containers: [{ name: 'plex' }] });
      try {
        expectOk(await diagnoseContainer(createDockerClient(daemon.dockerHost), 'plex'));
        expect(daemon.requests.at(-1)?.version).toBe(used);
      } finally {
        await daemon.close();
      }
    }
  });
});

describe('diagnoseContainer on a socket it may not open', () => {
  it('says permission denied and names the socket (chmod 000)', async (ctx) => {
    const locked = await startFakeDocker({ containers: [{ name: 'plex' }] });
    try {
      await chmod(locked.socketPath, 0o000);
      let result: Diagnosis;
      if (process.getuid?.() === 0) {
        // root ignores file modes; ask from an unprivileged child process instead.
        const child = await diagnoseAsNobody(locked.dockerHost, 'plex');
        if ('unusable' in child) {
          ctx.skip(`running as root and cannot run node as nobody: ${child.unusable}`);
          return;
        }
        result = child.result;
      } else {
        result = await diagnoseContainer(createDockerClient(locked.dockerHost), 'plex');
      }
      expect(result).toEqual({
        kind: 'unavailable',
        name: 'plex',
        reason: 'permission-denied',
        message: `permission denied on ${locked.socketPath} (EACCES): run the monitor in the socket's group (PGID or group_add) or point DOCKER_HOST at a socket proxy`,
      });
      expect(locked.requests).toEqual([]);
    } finally {
      await locked.close();
    }
  });
});

async function diagnoseAsNobody(
  dockerHost: string,
  name: string,
): Promise<{ result: Diagnosis } | { unusable: string }> {
  const entry = new URL('../src/index.ts', import.meta.url).href;
  const script = [
    `const { createDockerClient, diagnoseContainer } = await import(${JSON.stringify(entry)});`,
    `const result = await diagnoseContainer(createDockerClient(${JSON.stringify(dockerHost)}), ${JSON.stringify(name)}, { timeoutMs: 10000 });`,
    'process.stdout.write(JSON.stringify(result));',
  ].join('\n');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      uid: 65534,
      gid: 65534,
      cwd: '/',
      env: {},
    });
    return { result: JSON.parse(stdout) as Diagnosis };
  } catch (error) {
    // The sources or node itself may not be readable by nobody (a checkout under /root).
    return { unusable: String((error as { stderr?: unknown }).stderr || error).slice(0, 300) };
  }
}
