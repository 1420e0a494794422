import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dockerSpecValidator,
  type FakeDocker,
  type FakeDockerContainerInput,
  startFakeDocker,
} from '../src/testing/index.ts';

// The fake Docker Engine checked against the Engine API description (fixtures/, Swagger 2.0
// from moby/moby) and against the wire formats the daemon uses, over a real UNIX socket.

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function call(where: { socketPath: string } | { url: string }, path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target =
      'socketPath' in where
        ? { socketPath: where.socketPath }
        : { host: new URL(where.url).hostname, port: new URL(where.url).port };
    const req = request({ ...target, path, method, headers: { Host: 'docker' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const json = (a: Answer) => JSON.parse(a.body.toString('utf8')) as Record<string, unknown>;

/** Independent reading of the multiplexed format, straight from the Engine API documentation. */
function frames(body: Buffer): { stream: number; text: string }[] {
  const out: { stream: number; text: string }[] = [];
  let at = 0;
  while (at + 8 <= body.length) {
    const size = body.readUInt32BE(at + 4);
    expect(body.subarray(at + 1, at + 4)).toEqual(Buffer.from([0, 0, 0]));
    out.push({ stream: body[at]!, text: body.subarray(at + 8, at + 8 + size).toString('utf8') });
    at += 8 + size;
  }
  expect(at).toBe(body.length);
  return out;
}

const CONTAINERS: FakeDockerContainerInput[] = [
  {
    name: 'binhex-plexpass',
    image: 'binhex/arch-plexpass:latest',
    health: {
      status: 'healthy',
      log: [{ exitCode: 0, output: 'OK' }],
    },
    logs: ['Starting Plex Media Server', { text: 'warning: slow disk', stream: 'stderr' }, 'Ready'],
  },
  { name: 'tautulli', status: 'exited', exitCode: 137, oomKilled: true, restartCount: 0 },
  { name: 'sonarr', status: 'restarting', exitCode: 1, restartCount: 12 },
  { name: 'lidarr', status: 'created' },
  { name: 'radarr', status: 'paused' },
  { name: 'zombie', status: 'dead', error: 'error creating overlay mount' },
  {
    name: 'unhealthy-app',
    health: {
      status: 'unhealthy',
      failingStreak: 3,
      log: [
        { exitCode: 1, output: 'curl: (7) Failed to connect to localhost port 32400' },
        { exitCode: 1, output: 'curl: (7) Failed to connect to localhost port 32400' },
      ],
    },
  },
  { name: 'console', tty: true, logs: ['hello from a tty', 'second line'] },
];

let fake: FakeDocker;
let sock: { socketPath: string };

beforeAll(async () => {
  fake = await startFakeDocker({ containers: CONTAINERS, tcp: true });
  sock = { socketPath: fake.socketPath };
});

afterAll(async () => {
  await fake?.close();
});

describe('fake Docker Engine against the Engine API spec', () => {
  const spec = dockerSpecValidator({ closed: true });

  it('serves the API version the spec describes', async () => {
    expect(fake.apiVersion).toBe(spec.apiVersion);
    const ping = await call(sock, '/_ping');
    expect(ping.status).toBe(200);
    expect(ping.body.toString()).toBe('OK');
    expect(ping.headers['api-version']).toBe(spec.apiVersion);
    expect(ping.headers['content-type']).toMatch(/^text\/plain/);
    const head = await call(sock, '/_ping', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it.each(CONTAINERS.map((c) => c.name))('inspect of %s is a valid ContainerInspectResponse', async (name) => {
    const answer = await call(sock, `/v${fake.apiVersion}/containers/${name}/json`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(spec.responseDefinition('/containers/{id}/json', 200)).toBe('ContainerInspectResponse');
    const result = spec.validate('ContainerInspectResponse', json(answer));
    expect(result.errors).toEqual([]);
  });

  it('the closed schema rejects what Docker would never send', async () => {
    const body = json(await call(sock, '/containers/tautulli/json'));
    const state = body.State as Record<string, unknown>;
    expect(spec.validate('ContainerInspectResponse', { ...body, State: { ...state, OomKilled: true } }).errors).toEqual(
      ['/State: must NOT have additional properties (OomKilled)'],
    );
    expect(spec.validate('ContainerInspectResponse', { ...body, State: { ...state, Status: 'stopped' } }).valid).toBe(
      false,
    );
    expect(spec.validate('ContainerInspectResponse', { ...body, RestartCount: '3' }).valid).toBe(false);
    expect(spec.validate('ContainerInspectResponse', { ...body, Id: 'abc' }).valid).toBe(false);
  });

  it('/version is a valid SystemVersion, errors are valid ErrorResponses', async () => {
    const version = await call(sock, '/version');
    expect(spec.validate('SystemVersion', json(version)).errors).toEqual([]);
    expect(json(version).ApiVersion).toBe(spec.apiVersion);
    const missing = await call(sock, '/v1.56/containers/nope/json');
    expect(missing.status).toBe(404);
    expect(spec.responseDefinition('/containers/{id}/json', 404)).toBe('ErrorResponse');
    expect(spec.validate('ErrorResponse', json(missing)).errors).toEqual([]);
    expect(json(missing)).toEqual({ message: 'No such container: nope' });
    const unknown = await call(sock, '/v1.56/info');
    expect(unknown.status).toBe(404);
    expect(json(unknown)).toEqual({ message: 'page not found' });
  });

  it('state fields follow the container status', async () => {
    const state = async (name: string) =>
      json(await call(sock, `/containers/${name}/json`)).State as Record<string, unknown>;
    expect(await state('tautulli')).toMatchObject({
      Status: 'exited',
      Running: false,
      OOMKilled: true,
      ExitCode: 137,
      Pid: 0,
    });
    expect(await state('sonarr')).toMatchObject({ Status: 'restarting', Running: true, Restarting: true });
    expect(await state('radarr')).toMatchObject({ Status: 'paused', Running: true, Paused: true });
    expect(await state('zombie')).toMatchObject({ Status: 'dead', Dead: true, Error: 'error creating overlay mount' });
    expect(await state('lidarr')).toMatchObject({ Status: 'created', StartedAt: '0001-01-01T00:00:00Z' });
    expect((await state('tautulli')).Health).toBeUndefined();
    expect((await state('unhealthy-app')).Health).toMatchObject({
      Status: 'unhealthy',
      FailingStreak: 3,
      Log: [{ ExitCode: 1 }, { ExitCode: 1, Output: 'curl: (7) Failed to connect to localhost port 32400' }],
    });
    const plex = json(await call(sock, '/containers/binhex-plexpass/json'));
    expect(plex.Name).toBe('/binhex-plexpass');
    expect(plex.Image).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((plex.Config as Record<string, unknown>).Image).toBe('binhex/arch-plexpass:latest');
  });

  it('finds a container by /name, full id and unique id prefix', async () => {
    const id = fake.containers.get('sonarr')!.id;
    for (const ref of ['/sonarr', id, id.slice(0, 12)]) {
      expect(json(await call(sock, `/containers/${encodeURIComponent(ref)}/json`)).Id).toBe(id);
    }
  });

  it('refuses API versions outside its range like the daemon', async () => {
    const tooNew = await call(sock, '/v1.99/containers/sonarr/json');
    expect(tooNew.status).toBe(400);
    expect(json(tooNew).message).toBe('client version 1.99 is too new. Maximum supported API version is 1.56');
    const tooOld = await call(sock, '/v1.12/_ping');
    expect(tooOld.status).toBe(400);
    expect(String(json(tooOld).message)).toMatch(/^client version 1.12 is too old/);
  });
});

describe('fake Docker logs', () => {
  it('multiplexes a non-TTY container: one frame per line, stream 1 stdout and 2 stderr', async () => {
    const answer = await call(sock, '/v1.56/containers/binhex-plexpass/logs?stdout=1&stderr=1');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/vnd.docker.multiplexed-stream');
    expect(frames(answer.body)).toEqual([
      { stream: 1, text: 'Starting Plex Media Server\n' },
      { stream: 2, text: 'warning: slow disk\n' },
      { stream: 1, text: 'Ready\n' },
    ]);
  });

  it('honours tail, timestamps and the stream choice', async () => {
    const tail = frames((await call(sock, '/containers/binhex-plexpass/logs?stdout=1&stderr=1&tail=2')).body);
    expect(tail.map((f) => f.text)).toEqual(['warning: slow disk\n', 'Ready\n']);
    const zero = await call(sock, '/containers/binhex-plexpass/logs?stdout=1&stderr=1&tail=0');
    expect(zero.body.length).toBe(0);
    const stamped = frames((await call(sock, '/containers/binhex-plexpass/logs?stdout=1&tail=1&timestamps=1')).body);
    expect(stamped).toHaveLength(1);
    expect(stamped[0]!.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z Ready\n$/);
    const errOnly = frames((await call(sock, '/containers/binhex-plexpass/logs?stderr=true&tail=all')).body);
    expect(errOnly).toEqual([{ stream: 2, text: 'warning: slow disk\n' }]);
    const none = await call(sock, '/containers/binhex-plexpass/logs?tail=5');
    expect(none.status).toBe(400);
    expect(json(none).message).toBe('Bad parameters: you must choose at least one stream');
  });

  it('answers raw text with CRLF line ends for a TTY container', async () => {
    const answer = await call(sock, '/v1.56/containers/console/logs?stdout=1&stderr=1');
    expect(answer.headers['content-type']).toBe('application/vnd.docker.raw-stream');
    expect(answer.body.toString('utf8')).toBe('hello from a tty\r\nsecond line\r\n');
  });

  it('labels bodies raw-stream for clients older than API 1.42, and refuses versions below its minimum', async () => {
    const refused = await call(sock, '/v1.41/containers/binhex-plexpass/logs?stdout=1');
    expect(refused.status).toBe(400);
    const old = await startFakeDocker({ minApiVersion: '1.24', containers: [{ name: 'plex', logs: ['x'] }] });
    try {
      const answer = await call({ socketPath: old.socketPath }, '/v1.41/containers/plex/logs?stdout=1');
      expect(answer.headers['content-type']).toBe('application/vnd.docker.raw-stream');
      expect(frames(answer.body)).toEqual([{ stream: 1, text: 'x\n' }]);
    } finally {
      await old.close();
    }
  });

  it('answers 501 for a logging driver the daemon cannot read back', async () => {
    fake.containers.add({ name: 'silent', logDriver: 'none' });
    const answer = await call(sock, '/containers/silent/logs?stdout=1');
    expect(answer.status).toBe(501);
    expect(json(answer)).toEqual({ message: 'configured logging driver does not support reading' });
    const inspect = json(await call(sock, '/containers/silent/json'));
    expect((inspect.HostConfig as { LogConfig: unknown }).LogConfig).toEqual({ Type: 'none', Config: {} });
    expect(dockerSpecValidator({ closed: true }).validate('ContainerInspectResponse', inspect).errors).toEqual([]);
    fake.containers.remove('silent');
  });

  it('404s a missing container with the daemon message', async () => {
    const answer = await call(sock, '/containers/ghost/logs?stdout=1');
    expect(answer.status).toBe(404);
    expect(json(answer)).toEqual({ message: 'No such container: ghost' });
  });

  it('can truncate and chunk the body, and take raw bytes', async () => {
    fake.containers.add({ name: 'chunky', logs: ['a'.repeat(40), 'b'.repeat(40)] });
    fake.behaviour.chunkBytes = 5;
    const whole = await call(sock, '/containers/chunky/logs?stdout=1');
    expect(frames(whole.body).map((f) => f.text.length)).toEqual([41, 41]);
    fake.behaviour.chunkBytes = null;
    fake.behaviour.truncateLogsAt = 20;
    const cut = await call(sock, '/containers/chunky/logs?stdout=1');
    expect(cut.body.length).toBe(20);
    fake.behaviour.truncateLogsAt = null;
    fake.containers.update('chunky', { rawLogBody: Buffer.from('not frames at all') });
    expect((await call(sock, '/containers/chunky/logs?stdout=1')).body.toString()).toBe('not frames at all');
    fake.containers.remove('chunky');
    expect((await call(sock, '/containers/chunky/json')).status).toBe(404);
  });
});

describe('fake Docker controls', () => {
  it('records requests with their transport and version', async () => {
    const before = fake.requests.length;
    await call({ url: fake.url! }, '/v1.56/containers/sonarr/json');
    const recorded = fake.requests.slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      method: 'GET',
      transport: 'tcp',
      version: '1.56',
      endpoint: '/containers/sonarr/json',
    });
    expect(fake.tcpHost).toBe(`tcp://${new URL(fake.url!).host}`);
  });

  it('updates containers and appends log lines', async () => {
    fake.containers.update('sonarr', { status: 'running', restartCount: 13 });
    const body = json(await call(sock, '/containers/sonarr/json'));
    expect(body.RestartCount).toBe(13);
    expect(body.State).toMatchObject({ Status: 'running', Restarting: false });
    fake.containers.appendLogs('sonarr', ['one', { text: 'two', stream: 'stderr' }]);
    expect(frames((await call(sock, '/containers/sonarr/logs?stdout=1&stderr=1')).body)).toEqual([
      { stream: 1, text: 'one\n' },
      { stream: 2, text: 'two\n' },
    ]);
  });

  it('fails every request on demand, or drops the connection', async () => {
    fake.behaviour.fail = { status: 500, message: 'Something went wrong' };
    const failed = await call(sock, '/containers/sonarr/json');
    expect(failed.status).toBe(500);
    expect(json(failed)).toEqual({ message: 'Something went wrong' });
    fake.behaviour.fail = 'reset';
    await expect(call(sock, '/_ping')).rejects.toThrow(/socket hang up|ECONNRESET/);
    fake.behaviour.fail = null;
    expect((await call(sock, '/_ping')).status).toBe(200);
  });

  it('holds requests while stalled and answers them when released', async () => {
    fake.behaviour.stall = true;
    const pending = call(sock, '/containers/sonarr/json');
    await fake.waitForStalled(1);
    expect(fake.stalledCount()).toBe(1);
    fake.behaviour.stall = false;
    fake.releaseStalled();
    expect((await pending).status).toBe(200);
  });

  it('acts as a read-only socket proxy: 403 outside the allowed sections and for writes', async () => {
    const proxy = await startFakeDocker({
      tcp: true,
      containers: [{ name: 'plex' }],
      proxy: { allow: ['containers', 'ping', 'version'] },
    });
    try {
      const where = { url: proxy.url! };
      expect((await call(where, '/v1.56/containers/plex/json')).status).toBe(200);
      expect((await call(where, '/containers/plex/logs?stdout=1')).status).toBe(200);
      expect((await call(where, '/_ping')).status).toBe(200);
      const info = await call(where, '/v1.56/info');
      expect(info.status).toBe(403);
      expect(info.headers['content-type']).toBe('text/html');
      expect(info.body.toString()).toContain('Request forbidden by administrative rules.');
      expect((await call(where, '/v1.56/containers/plex/stop', 'POST')).status).toBe(403);
      proxy.setProxy({ allow: ['ping'] });
      expect((await call(where, '/v1.56/containers/plex/json')).status).toBe(403);
      proxy.setProxy(null);
      expect((await call(where, '/v1.56/info')).status).toBe(404);
    } finally {
      await proxy.close();
    }
  });
});
