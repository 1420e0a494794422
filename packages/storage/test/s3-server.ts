import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateBucketCommand, ListMultipartUploadsCommand, ListPartsCommand, S3Client } from '@aws-sdk/client-s3';

/** A real S3-compatible server for the tests: moto_server (Python) from PATH. */
export interface S3TestServer {
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
