// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose and Dockerfile `${VAR}` references are the subject here.
// Checks docker/: the Dockerfile (read, since no image can be built here), the entrypoint (run with a
// stand-in `node`) and the healthcheck (run against a local HTTP server).
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthTarget } from '../docker/healthcheck.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '');
}

describe('docker/Dockerfile', () => {
  const steps = instructions(read('docker/Dockerfile'));
  const stage = (name: string) => {
    const start = steps.findIndex((s) => s.startsWith('FROM ') && s.endsWith(` AS ${name}`));
    expect(start, `stage ${name}`).toBeGreaterThanOrEqual(0);
    const end = steps.findIndex((s, i) => i > start && s.startsWith('FROM '));
    return steps.slice(start, end === -1 ? undefined : end);
  };

  it('builds on node:24-bookworm-slim in a build and a runtime stage', () => {
    expect(steps).toContain('ARG NODE_IMAGE=node:24-bookworm-slim');
    expect(steps.filter((s) => s.startsWith('FROM '))).toEqual([
      'FROM ${NODE_IMAGE} AS build',
      'FROM ${NODE_IMAGE} AS runtime',
    ]);
  });

  it('installs with the pnpm of package.json, from the lockfile, without onnxruntime downloads', () => {
    const packageManager = JSON.parse(read('package.json')).packageManager as string;
    const build = stage('build').join('\n');
    expect(build).toContain(`ARG PNPM_VERSION=${packageManager.replace('pnpm@', '')}`);
    expect(build).toContain('"pnpm@${PNPM_VERSION}"');
    expect(build).toMatch(/ONNXRUNTIME_NODE_INSTALL=skip/);
    expect(build).toMatch(/pnpm install --offline --frozen-lockfile --prod/);
    expect(build).toMatch(/apt-get install [^\n]*python3 make g\+\+/);
  });

  it('runs every service under tini, with ffmpeg, checking its own /healthz', () => {
    const runtime = stage('runtime');
    const apt = runtime.find((s) => s.includes('apt-get install')) ?? '';
    for (const pkg of ['tini', 'ffmpeg']) expect(apt.split(' '), pkg).toContain(pkg);
    expect(runtime).toContain('ENTRYPOINT ["/usr/bin/tini", "--", "/app/docker/entrypoint.sh"]');
    expect(runtime.find((s) => s.startsWith('HEALTHCHECK'))).toMatch(
      /CMD \["node", "\/app\/docker\/healthcheck.ts"\]$/,
    );
    expect(runtime.join('\n')).toMatch(/PUID=99 PGID=100/);
    expect(
      runtime.some((s) => s.startsWith('USER ')),
      'starts as root; the entrypoint drops to PUID',
    ).toBe(false);
  });

  it("runs Debian's FFmpeg and drops the copies npm brings for machines without one", () => {
    const build = stage('build').join('\n');
    expect(build).toContain('node_modules/.pnpm/node-ffmpeg-*@*/node_modules/node-ffmpeg-*/ffmpeg');
    expect(build).toContain('node_modules/.pnpm/@ffprobe-installer+*@*/node_modules/@ffprobe-installer/*/ffprobe');
  });

  it('bakes in no secret and copies no .env', () => {
    const secretLike = /(TOKEN|SECRET|PASSWORD|API_KEY|ENCRYPTION_KEY)/;
    for (const step of steps.filter((s) => /^(ARG|ENV) /.test(s))) expect(step).not.toMatch(secretLike);
    const ignore = read('.dockerignore').split('\n');
    for (const pattern of ['.env', '.env.*', '.git', '**/node_modules', 'data']) expect(ignore).toContain(pattern);
    for (const line of ignore) expect(line.startsWith('docker'), 'docker/ stays in the context').toBe(false);
  });

  it('finds in the workspace every program the entrypoint starts', async () => {
    const { SERVICE_NAMES } = await import('@autoalex/config');
    for (const path of ['packages/db/src/migrate-cli.ts', ...SERVICE_NAMES.map((s) => `services/${s}/src/main.ts`)]) {
      expect(existsSync(join(root, path)), path).toBe(true);
    }
  });

  it('ships an executable entrypoint that is valid POSIX sh', () => {
    expect(statSync(join(root, 'docker/entrypoint.sh')).mode & 0o111).not.toBe(0);
    const check = spawnSync('sh', ['-n', 'docker/entrypoint.sh'], { cwd: root, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('docker/entrypoint.sh', () => {
  // A stand-in for node that reports who ran it, with what, from where.
  const bin = mkdtempSync(join(tmpdir(), 'autoalex-entrypoint-'));
  chmodSync(bin, 0o755);
  writeFileSync(join(bin, 'node'), '#!/bin/sh\necho "uid=$(id -u) gid=$(id -g) home=$HOME cwd=$(pwd) args=$*"\n', {
    mode: 0o755,
  });

  function entrypoint(env: Record<string, string>, args: string[] = []) {
    const run = spawnSync('sh', [join(root, 'docker/entrypoint.sh'), ...args], {
      cwd: tmpdir(),
      encoding: 'utf8',
      // PUID 0 keeps the test's own user, root or not; the root-only test below covers the drop.
      env: { PATH: `${bin}:${process.env.PATH}`, APP_DIR: root, DATA_DIR: join(bin, 'data'), PUID: '0', ...env },
    });
    return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
  }

  it('runs the service SERVICE names from the app folder', () => {
    const run = entrypoint({ SERVICE: 'remix-worker' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`cwd=${root} args=services/remix-worker/src/main.ts`);
  });

  it('runs the migrations for SERVICE=migrate', () => {
    expect(entrypoint({ SERVICE: 'migrate' }).stdout).toContain('args=packages/db/src/migrate-cli.ts');
  });

  it('runs its arguments instead when given some', () => {
    expect(entrypoint({}, ['node', '--version']).stdout).toContain('args=--version');
  });

  it('refuses a missing, unknown or path-like SERVICE and lists the choices', () => {
    for (const service of [undefined, 'nope', '../../etc', 'Gateway']) {
      const run = entrypoint(service === undefined ? {} : { SERVICE: service });
      expect(run.status, String(service)).toBe(64);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/SERVICE .*one of: migrate .*gateway/);
    }
  });

  it('refuses a PUID or PGID that is not a number', () => {
    expect(entrypoint({ SERVICE: 'web', PUID: 'nobody' })).toMatchObject({ status: 64, stdout: '' });
    expect(entrypoint({ SERVICE: 'web', PGID: '-1' }).stderr).toContain("PGID must be a number (got '-1')");
  });

  it.skipIf(process.getuid?.() !== 0)('as root, gives DATA_DIR to PUID:PGID and runs the service as that user', () => {
    const data = join(bin, 'data-root');
    mkdirSync(join(data, 'blobs'), { recursive: true });
    const run = entrypoint({ SERVICE: 'web', PUID: '4242', PGID: '4343', DATA_DIR: data });
    expect(run.stderr).toContain(`giving ${data} to 4242:4343`);
    expect(run.stdout).toContain('uid=4242 gid=4343 home=/tmp');
    expect(run.stdout).toContain('args=services/web/src/main.ts');
    for (const dir of [data, join(data, 'blobs')]) expect(statSync(dir)).toMatchObject({ uid: 4242, gid: 4343 });
    // Second start: the owner already matches, nothing is walked again.
    expect(entrypoint({ SERVICE: 'web', PUID: '4242', PGID: '4343', DATA_DIR: data }).stderr).not.toContain('giving');
  });
});

describe('docker/healthcheck.ts', () => {
  it('targets the port of the service that SERVICE names', () => {
    expect(healthTarget({ SERVICE: 'web' })).toEqual({ url: 'http://127.0.0.1:8080/healthz' });
    expect(healthTarget({ SERVICE: 'library-worker' })).toEqual({ url: 'http://127.0.0.1:8087/healthz' });
    expect(healthTarget({ SERVICE: 'remix-worker', REMIX_WORKER_PORT: '9100' })).toEqual({
      url: 'http://127.0.0.1:9100/healthz',
    });
    expect(healthTarget({ SERVICE: 'gateway', GATEWAY_PORT: '' })).toEqual({ url: 'http://127.0.0.1:8081/healthz' });
  });

  it('skips the one-shot migration and rejects what it cannot check', () => {
    expect(healthTarget({ SERVICE: 'migrate' })).toHaveProperty('skip');
    expect(healthTarget({})).toHaveProperty('error');
    expect(healthTarget({ SERVICE: 'toString' })).toHaveProperty('error');
    expect(healthTarget({ SERVICE: 'web', WEB_PORT: '80; rm -rf /' })).toHaveProperty('error');
  });

  describe('as a process', () => {
    let server: Server;
    let port: number;
    let status = 200;

    beforeAll(async () => {
      server = createServer((req, res) => {
        res.statusCode = req.url === '/healthz' ? status : 404;
        res.end(JSON.stringify({ status: status === 200 ? 'ok' : 'down' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    function check(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
      return new Promise((resolve) => {
        execFile(process.execPath, [join(root, 'docker/healthcheck.ts')], { env }, (err, _stdout, stderr) => {
          resolve({ code: err ? Number(err.code ?? 1) : 0, stderr });
        });
      });
    }

    it('exits 0 when /healthz answers 200', async () => {
      status = 200;
      expect(await check({ SERVICE: 'web', WEB_PORT: String(port) })).toEqual({ code: 0, stderr: '' });
    });

    it('exits 1 with the answer when /healthz reports a problem', async () => {
      status = 503;
      const run = await check({ SERVICE: 'monitor', MONITOR_PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`http://127.0.0.1:${port}/healthz answered 503: {"status":"down"}`);
    });

    it('exits 1 when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const free = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const run = await check({ SERVICE: 'player', PLAYER_PORT: String(free) });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('ECONNREFUSED');
    });

    it('exits 0 for the migration and 1 for an unknown service', async () => {
      expect((await check({ SERVICE: 'migrate' })).code).toBe(0);
      const run = await check({ SERVICE: 'nope' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("SERVICE is 'nope'");
    });
  });
});
