import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListMultipartUploadsCommand, ListPartsCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * A real S3-compatible server for the tests: moto_server (Python) when it is on PATH, else s3rver
 * (npm, a devDependency). moto is the more faithful of the two; s3rver keeps the suite running on
 * machines without Python packages.
 */
export interface S3TestServer {
  /** Which server this is, for test names. */
  name: string;
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** A raw client, for checks the BlobStore API does not expose. */
  client: S3Client;
  createBucket(name: string): Promise<void>;
  /** Parts already stored of multipart uploads in progress under `key`. */
  uploadedParts(bucket: string, key: string): Promise<number>;
  /** Multipart uploads still open under `key` (a failed put must abort its own). */
  openUploads(bucket: string, key: string): Promise<number>;
  stop(): Promise<void>;
}

export function motoAvailable(): boolean {
  return spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise<void>((ok) => server.close(() => ok()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts moto_server on a free loopback port and resolves once it answers HTTP. */
export async function startMoto(): Promise<S3TestServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', (code) => fail(new Error(`moto_server exited (${code}) before answering:\n${output}`))),
  );
  exited.catch(() => {});
  // No event tells us the server is listening: poll until it answers (bounded), or it exits.
  for (let attempt = 0; ; attempt++) {
    const answered = await Promise.race([
      fetch(`${endpoint}/moto-api/`).then(
        () => true,
        () => false,
      ),
      exited,
    ]);
    if (answered) break;
    if (attempt > 300) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${endpoint}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const region = 'us-east-1';
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const client = new S3Client({ endpoint, region, forcePathStyle: true, credentials });
  return {
    name: 'moto_server',
    endpoint,
    region,
    ...credentials,
    client,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    async uploadedParts(bucket, key) {
      const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
      let parts = 0;
      for (const upload of uploads.Uploads ?? []) {
        if (upload.Key !== key) continue;
        const listed = await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: upload.UploadId }));
        parts += listed.Parts?.length ?? 0;
      }
      return parts;
    },
    async openUploads(bucket, key) {
      const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
      return (uploads.Uploads ?? []).filter((upload) => upload.Key === key).length;
    },
    async stop() {
      client.destroy();
      if (child.exitCode !== null) return;
      const gone = new Promise<void>((ok) => child.once('exit', () => ok()));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

export type S3ServerChoice = { kind: 'moto_server' | 's3rver' } | { kind: 'none'; reason: string };

/** Which server can run here: moto_server, else s3rver; `prefer` = 's3rver' skips moto. */
export async function chooseS3TestServer(prefer: string | undefined): Promise<S3ServerChoice> {
  if (prefer !== 's3rver' && motoAvailable()) return { kind: 'moto_server' };
  try {
    await import('s3rver');
    return { kind: 's3rver' };
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    return { kind: 'none', reason: `moto_server is not on PATH and s3rver cannot be loaded (${why})` };
  }
}

export function startS3TestServer(kind: 'moto_server' | 's3rver'): Promise<S3TestServer> {
  return kind === 'moto_server' ? startMoto() : startS3rver();
}

/** s3rver (npm) in this process, storing under a temp folder that the probes read directly. */
export async function startS3rver(): Promise<S3TestServer> {
  const { default: S3rver } = await import('s3rver');
  const directory = await mkdtemp(join(tmpdir(), 'autoalex-s3rver-'));
  const instance = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await instance.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const region = 'us-east-1';
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ endpoint, region, forcePathStyle: true, credentials });
  // s3rver keeps multipart uploads as <dir>/<bucket>/._S3rver_uploads/<uploadId>/{key,<n>,<n>.md5}
  // and has no ListMultipartUploads/ListParts: read its folder instead.
  async function uploads(bucket: string, key: string): Promise<string[][]> {
    const root = join(directory, bucket, '._S3rver_uploads');
    const ids = await readdir(root).catch(() => [] as string[]);
    const found: string[][] = [];
    for (const id of ids) {
      const uploadKey = await readFile(join(root, id, 'key'), 'utf8').catch(() => null);
      if (uploadKey === key) found.push(await readdir(join(root, id)).catch(() => [] as string[]));
    }
    return found;
  }
  return {
    name: 's3rver',
    endpoint,
    region,
    ...credentials,
    client,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    async uploadedParts(bucket, key) {
      const found = await uploads(bucket, key);
      return found.flat().filter((name) => /^\d+\.md5$/.test(name)).length;
    },
    async openUploads(bucket, key) {
      return (await uploads(bucket, key)).length;
    },
    async stop() {
      client.destroy();
      await instance.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
