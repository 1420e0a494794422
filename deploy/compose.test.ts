// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose and Dockerfile `${VAR}` references are the subject here.
// Checks deploy/compose.yml and .env.example against each other and against packages/config.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { database } from '@autoalex/config';
import { configShape as gateway } from '@autoalex/gateway/config';
import { configShape as interactions } from '@autoalex/interactions/config';
import { configShape as libraryWorker } from '@autoalex/library-worker/config';
import { configShape as monitor } from '@autoalex/monitor/config';
import { configShape as player } from '@autoalex/player/config';
import { configShape as remixWorker } from '@autoalex/remix-worker/config';
import { configShape as sunoWorker } from '@autoalex/suno-worker/config';
import { configShape as web } from '@autoalex/web/config';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ConfigVariable, configVariables } from './config-variables.ts';
import {
  durationMs,
  type EnvEntry,
  envFileValues,
  interpolateDeep,
  parseEnvExample,
  referencedVariables,
} from './env-file.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const composeText = readFileSync(join(root, 'deploy/compose.yml'), 'utf8');
const envText = readFileSync(join(root, '.env.example'), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  networks?: string[];
  ports?: string[];
  restart?: string;
  stop_grace_period?: string;
  deploy?: { replicas?: string | number };
}
interface ComposeFile {
  services: Record<string, Service>;
  networks?: Record<string, { internal?: boolean } | null>;
}

const APP_SERVICES = [
  'gateway',
  'interactions',
  'remix-worker',
  'suno-worker',
  'monitor',
  'player',
  'library-worker',
  'web',
] as const;
/** The variables each service's config reads, as its package exports them. */
const SERVICE_CONFIGS: Record<(typeof APP_SERVICES)[number], Record<string, unknown>> = {
  gateway,
  interactions,
  'remix-worker': remixWorker,
  'suno-worker': sunoWorker,
  monitor,
  player,
  'library-worker': libraryWorker,
  web,
};
const WORKERS = { 'remix-worker': 'REMIX_WORKER', 'suno-worker': 'SUNO_WORKER', 'library-worker': 'LIBRARY_WORKER' };

/** .env.example variables Compose does not take from .env, because it sets them itself or does not need them. */
const SET_BY_COMPOSE: Record<string, string> = {
  COMPOSE_PROJECT_NAME: 'read by Compose itself',
  DATABASE_URL: 'built from POSTGRES_PASSWORD, pointing at the postgres service',
  REDIS_URL: 'points at the redis service',
  DATA_DIR: 'fixed to /data, the APPDATA_DIR/data bind mount',
  STORAGE_DIR: 'left at its default, DATA_DIR/blobs',
  DEMUCS_MODEL_DIR: 'fixed to /data/models',
  DOCKER_HOST: 'the socket proxy, monitor only',
  GATEWAY_PORT: 'containers listen on their default ports',
  INTERACTIONS_PORT: 'containers listen on their default ports',
  REMIX_WORKER_PORT: 'containers listen on their default ports',
  SUNO_WORKER_PORT: 'containers listen on their default ports',
  MONITOR_PORT: 'containers listen on their default ports',
  PLAYER_PORT: 'containers listen on their default ports',
  LIBRARY_WORKER_PORT: 'containers listen on their default ports',
};

const SOCKET = '/var/run/docker.sock';

let raw: ComposeFile;
let resolved: ComposeFile;
let env: EnvEntry[];
let config: ConfigVariable[];

beforeAll(() => {
  raw = parse(composeText, { merge: true }) as ComposeFile;
  env = parseEnvExample(envText);
  resolved = interpolateDeep(raw, envFileValues(env));
  config = configVariables();
});

function service(name: string): Service {
  const found = raw.services[name];
  if (!found) throw new Error(`deploy/compose.yml has no service ${name}`);
  return found;
}

const dockerCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;

describe('deploy/compose.yml', () => {
  it.skipIf(!dockerCompose)(
    'is accepted by `docker-compose config` with .env.example [needs docker-compose on PATH: apt-get install docker-compose]',
    () => {
      const run = spawnSync('docker-compose', ['-f', 'deploy/compose.yml', '--env-file', '.env.example', 'config'], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const services = Object.keys((parse(run.stdout) as ComposeFile).services).sort();
      expect(services).toEqual(['docker-proxy', 'migrate', 'postgres', 'redis', ...APP_SERVICES].sort());
    },
  );

  it.skipIf(!dockerCompose)(
    'is refused by `docker-compose config` without POSTGRES_PASSWORD [needs docker-compose on PATH]',
    () => {
      const envFile = join(mkdtempSync(join(tmpdir(), 'autoalex-compose-')), '.env');
      writeFileSync(envFile, envText.replace(/^POSTGRES_PASSWORD=.*$/m, ''));
      const run = spawnSync('docker-compose', ['-f', 'deploy/compose.yml', '--env-file', envFile, 'config'], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('set POSTGRES_PASSWORD in .env');
    },
  );

  it('documents every variable it interpolates in .env.example', () => {
    const documented = new Set(env.map((e) => e.name));
    const missing = [...referencedVariables(composeText)].filter((name) => !documented.has(name));
    expect(missing, 'add these to .env.example').toEqual([]);
  });

  it('passes every .env.example variable on, unless Compose sets it itself', () => {
    const used = referencedVariables(composeText);
    const ignored = env.map((e) => e.name).filter((name) => !used.has(name) && !(name in SET_BY_COMPOSE));
    expect(ignored, 'interpolate these in deploy/compose.yml (x-app-env) or list them in SET_BY_COMPOSE').toEqual([]);
  });

  it('sets the values it does not take from .env', () => {
    const monitor = resolved.services.monitor?.environment ?? {};
    expect(monitor.DATABASE_URL).toBe('postgres://autoalex:change-me-to-a-long-random-string@postgres:5432/autoalex');
    expect(monitor.REDIS_URL).toBe('redis://redis:6379');
    expect(monitor.DATA_DIR).toBe('/data');
    expect(resolved.services['remix-worker']?.environment?.DEMUCS_MODEL_DIR).toBe('/data/models');
    for (const name of [...APP_SERVICES, 'migrate']) {
      const names = Object.keys(service(name).environment ?? {});
      expect(
        names.filter((n) => n.endsWith('_PORT')),
        `${name} listens on its default port`,
      ).toEqual([]);
      expect(names, `${name} keeps blobs under DATA_DIR`).not.toContain('STORAGE_DIR');
    }
  });

  it("gives each service every variable its config reads, and the migration the database's", () => {
    const shapes: Record<string, Record<string, unknown>> = { migrate: database, ...SERVICE_CONFIGS };
    // Containers listen on their default ports, and blobs go to DATA_DIR/blobs.
    const notPassed = /^(?:[A-Z_]+_PORT|STORAGE_DIR)$/;
    for (const [name, shape] of Object.entries(shapes)) {
      const given = Object.keys(service(name).environment ?? {});
      const missing = Object.keys(shape).filter((v) => !notPassed.test(v) && !given.includes(v));
      expect(missing, `merge the x-env-* group with these into ${name}'s environment in deploy/compose.yml`).toEqual(
        [],
      );
    }
  });

  it('runs the eight services and the migration from one image, each chosen by SERVICE', () => {
    const image = service('migrate').image;
    expect(image).toBe('${AUTOALEX_IMAGE:-autoalex:local}');
    expect(service('migrate').build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(service('migrate').environment?.SERVICE).toBe('migrate');
    for (const name of APP_SERVICES) {
      expect(service(name).image, name).toBe(image);
      expect(service(name).build, `${name} reuses the image migrate builds`).toBeUndefined();
      expect(service(name).environment?.SERVICE, name).toBe(name);
      expect(service(name).restart, name).toBe('unless-stopped');
    }
  });

  it('gives every long-running service a healthcheck', () => {
    for (const [name, svc] of Object.entries(raw.services)) {
      if (name === 'migrate') continue;
      expect(svc.healthcheck?.test?.length, `${name} has a healthcheck`).toBeGreaterThan(0);
      expect(svc.healthcheck?.disable, name).toBeUndefined();
    }
    for (const name of APP_SERVICES) {
      expect(service(name).healthcheck?.test, name).toEqual(['CMD', 'node', '/app/docker/healthcheck.ts']);
    }
    expect(service('postgres').healthcheck?.test).toContain('pg_isready');
    expect(service('redis').healthcheck?.test?.join(' ')).toContain('redis-cli ping');
    // The one-shot has nothing to serve; it must not be restarted once it has exited.
    expect(service('migrate').healthcheck).toEqual({ disable: true });
    expect(service('migrate').restart).toBe('no');
  });

  it('starts each service once postgres and redis are healthy and the migrations have run', () => {
    expect(service('migrate').depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of APP_SERVICES) {
      const deps = service(name).depends_on ?? {};
      expect(deps.postgres, name).toEqual({ condition: 'service_healthy' });
      expect(deps.redis, name).toEqual({ condition: 'service_healthy' });
      expect(deps.migrate, name).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('runs postgres 17 and redis 7, redis with appendonly and noeviction', () => {
    expect(service('postgres').image).toBe('postgres:17');
    expect(service('postgres').environment?.POSTGRES_PASSWORD).toBe(
      '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}',
    );
    const redis = service('redis');
    expect(redis.image).toBe('redis:7');
    const command = (redis.command ?? []).join(' ');
    expect(command).toMatch(/--appendonly yes\b/);
    expect(command).toMatch(/--maxmemory-policy noeviction\b/);
    for (const name of ['postgres', 'redis']) expect(service(name).ports, `${name} is not published`).toBeUndefined();
  });

  it('lets the monitor reach Docker only through the read-only socket proxy', () => {
    const proxy = service('docker-proxy');
    expect(proxy.image).toMatch(/^tecnativa\/docker-socket-proxy:/);
    expect(proxy.volumes).toEqual([`${SOCKET}:${SOCKET}:ro`]);
    expect(proxy.environment).toMatchObject({ CONTAINERS: 1, POST: 0 });
    for (const key of ['EXEC', 'IMAGES', 'NETWORKS', 'VOLUMES', 'BUILD', 'SECRETS', 'AUTH', 'SYSTEM']) {
      expect(proxy.environment?.[key] ?? 0, `${key} stays off`).toBe(0);
    }
    expect(proxy.ports, 'the proxy is never published').toBeUndefined();
    expect(proxy.networks).toEqual(['docker-api']);
    expect(raw.networks?.['docker-api']).toEqual({ internal: true });

    const monitor = service('monitor');
    expect(monitor.environment?.DOCKER_HOST).toBe('tcp://docker-proxy:2375');
    expect(monitor.depends_on?.['docker-proxy']).toEqual({ condition: 'service_healthy' });
    for (const [name, svc] of Object.entries(raw.services)) {
      if (name === 'docker-proxy') continue;
      const mounts = (svc.volumes ?? []).filter((v) => v.includes('docker.sock'));
      expect(mounts, `${name} does not mount the Docker socket`).toEqual([]);
      const onDockerApi = (svc.networks ?? []).includes('docker-api');
      expect(onDockerApi, `only the monitor shares the proxy's network (${name})`).toBe(name === 'monitor');
      if (name !== 'monitor') expect(svc.environment?.DOCKER_HOST, name).toBeUndefined();
    }
  });

  it('gives services longer to stop than SHUTDOWN_TIMEOUT', () => {
    const shutdown = config.find((v) => v.name === 'SHUTDOWN_TIMEOUT')?.fallback;
    expect(shutdown).toBeDefined();
    for (const name of APP_SERVICES) {
      const grace = resolved.services[name]?.stop_grace_period ?? '10s';
      expect(durationMs(grace), `${name} stop_grace_period ${grace}`).toBeGreaterThan(Number(shutdown));
    }
  });

  it('scales the workers from .env and keeps gateway and player to one replica', () => {
    for (const [name, prefix] of Object.entries(WORKERS)) {
      expect(service(name).deploy?.replicas, name).toBe(`\${${prefix}_REPLICAS:-1}`);
      expect(Number(resolved.services[name]?.deploy?.replicas), name).toBe(1);
    }
    for (const name of ['gateway', 'player', 'interactions', 'monitor', 'web']) {
      expect(service(name).deploy?.replicas ?? 1, name).toBe(1);
    }
  });

  it('publishes only the web dashboard, on WEB_PORT', () => {
    expect(service('web').ports).toEqual(['${WEB_PORT:-8080}:8080']);
    for (const [name, svc] of Object.entries(raw.services)) {
      if (name !== 'web') expect(svc.ports, name).toBeUndefined();
    }
  });

  it('keeps all state in bind mounts under APPDATA_DIR', () => {
    const appdata = '${APPDATA_DIR:-/mnt/user/appdata/autoalex}';
    expect(service('postgres').volumes).toEqual([`${appdata}/postgres:/var/lib/postgresql/data`]);
    expect(service('redis').volumes).toEqual([`${appdata}/redis:/data`]);
    for (const name of APP_SERVICES) expect(service(name).volumes, name).toEqual([`${appdata}/data:/data`]);
  });

  it('passes PUID, PGID and TZ to every suite container', () => {
    for (const name of [...APP_SERVICES, 'migrate']) {
      expect(service(name).environment, name).toMatchObject({
        PUID: '${PUID:-99}',
        PGID: '${PGID:-100}',
        TZ: '${TZ:-Etc/UTC}',
      });
    }
  });
});

describe('.env.example', () => {
  it('declares every variable of packages/config', () => {
    expect(config.length).toBeGreaterThan(20);
    const documented = new Set(env.map((e) => e.name));
    const missing = config.filter((v) => !documented.has(v.name)).map((v) => `${v.name} (${v.fragment})`);
    expect(missing, 'add these to .env.example').toEqual([]);
  });

  it('declares each variable once, under a one-line comment', () => {
    const names = env.map((e) => e.name);
    expect(
      names.filter((n, i) => names.indexOf(n) !== i),
      'declared twice',
    ).toEqual([]);
    const bare = env.filter((e) => e.comment.trim().length < 10).map((e) => `${e.name} (line ${e.line})`);
    expect(bare, 'give these a comment line right above').toEqual([]);
  });

  it('shows each optional config variable commented out, with its schema default', () => {
    const byName = new Map(env.map((e) => [e.name, e]));
    const wrong: string[] = [];
    for (const variable of config) {
      const entry = byName.get(variable.name);
      if (!entry || entry.required) continue;
      const shown = entry.value;
      if (shown !== (variable.fallback ?? ''))
        wrong.push(`${variable.name}: shows '${shown}', default is '${variable.fallback ?? ''}'`);
    }
    expect(wrong).toEqual([]);
  });

  it('comments out every optional config variable but the bot token', () => {
    const optional = new Set(config.filter((v) => !v.required).map((v) => v.name));
    const uncommented = env.filter((e) => e.required && optional.has(e.name)).map((e) => e.name);
    // The one value every install needs, though the suite can start without it.
    expect(uncommented).toEqual(['DISCORD_TOKEN']);
  });

  it('leaves uncommented every config variable without a default, unless Compose sets it', () => {
    const byName = new Map(env.map((e) => [e.name, e]));
    const hidden = config
      .filter((v) => v.required && !(v.name in SET_BY_COMPOSE) && byName.get(v.name)?.required === false)
      .map((v) => v.name);
    expect(hidden, 'uncomment these, with a placeholder').toEqual([]);
  });

  it('leaves uncommented the values Compose cannot start without', () => {
    const required = [...composeText.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]);
    expect(required).toContain('POSTGRES_PASSWORD');
    for (const name of required) {
      const entry = env.find((e) => e.name === name);
      expect(entry?.required, `${name} is uncommented`).toBe(true);
      expect(entry?.value, `${name} has a placeholder`).not.toBe('');
    }
  });
});
