import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobBody, BlobListing, BlobStore, GetOptions, PutOptions, PutResult } from './blob-store.ts';
import { checkPutOptions, checkRange, metered, rangeNotSatisfiable } from './body.ts';
import { contentTypeFor } from './content-type.ts';
import { BlobNotFoundError, StorageError } from './errors.ts';
import { assertKey, assertPrefix, isValidKey } from './keys.ts';
import { assertLinkLifetime } from './local-link.ts';

export interface S3BlobStoreOptions {
  bucket: string;
  /** S3-compatible endpoint (MinIO, Garage, R2, moto); unset means AWS. */
  endpoint?: string;
  region: string;
  /** Both or neither; neither means the SDK's default credential chain (IAM role, profile). */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /**
   * Endpoint users' browsers reach, when it differs from `endpoint` (e.g. `http://minio:9000` inside
   * Compose, `https://s3.example.org` outside). Presigned links are signed for this host.
   */
  publicEndpoint?: string;
  /** Multipart part size; S3's minimum is 5 MiB. Memory per upload is about partSize × queueSize. */
  partSizeBytes?: number;
  /** Parts uploaded in parallel per put. */
  queueSize?: number;
}

export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
export const DEFAULT_QUEUE_SIZE = 2;
const MIN_PART_SIZE = 5 * 1024 * 1024;

export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const { bucket } = options;
  if (!bucket) throw new StorageError('INVALID_S3_CONFIG', 'S3 storage needs a bucket name');
  if ((options.accessKeyId === undefined) !== (options.secretAccessKey === undefined)) {
    throw new StorageError(
      'INVALID_S3_CONFIG',
      'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the default AWS credential chain)',
    );
  }
  const partSize = options.partSizeBytes ?? DEFAULT_PART_SIZE;
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE) {
    throw new StorageError('INVALID_S3_CONFIG', `the multipart part size must be at least ${MIN_PART_SIZE} bytes`);
  }
  const queueSize = options.queueSize ?? DEFAULT_QUEUE_SIZE;
  const client = new S3Client(clientConfig(options, options.endpoint));
  const signer =
    options.publicEndpoint && options.publicEndpoint !== options.endpoint
      ? new S3Client(clientConfig(options, options.publicEndpoint))
      : client;
  const where = `S3 bucket ${bucket} at ${options.endpoint ? new URL(options.endpoint).host : 'AWS'}`;

  async function put(key: string, body: BlobBody, putOptions?: PutOptions): Promise<PutResult> {
    assertKey(key);
    const checked = checkPutOptions(key, body, putOptions);
    const { chunks, meter } = metered(key, body, checked.contentLength);
    const upload = new Upload({
      client,
      partSize,
      queueSize,
      params: { Bucket: bucket, Key: key, Body: Readable.from(chunks), ContentType: checked.effectiveContentType },
    });
    try {
      await upload.done();
    } catch (err) {
      if (body instanceof Readable && !body.destroyed) body.destroy();
      // When the body failed, that is the error to report, even if S3 then refused the abort too.
      const bodyFailure = meter.failure();
      if (bodyFailure !== undefined) throw bodyFailure;
      throw s3Failure('put', key, err);
    }
    return { key, size: meter.count() };
  }

  async function get(key: string, getOptions: GetOptions = {}): Promise<Readable> {
    assertKey(key);
    const range = checkRange(key, getOptions.range);
    try {
      const response = await client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
        }),
      );
      if (!(response.Body instanceof Readable)) throw new StorageError('S3_ERROR', `S3 get ${key}: no body stream`);
      return response.Body;
    } catch (err) {
      if (err instanceof StorageError) throw err;
      if (isNotFound(err)) throw new BlobNotFoundError(key);
      if (range && (nameOf(err) === 'InvalidRange' || statusOf(err) === 416))
        throw rangeNotSatisfiable(key, range.start);
      throw s3Failure('get', key, err);
    }
  }

  async function stat(key: string) {
    assertKey(key);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return {
        size: head.ContentLength ?? 0,
        contentType: head.ContentType ?? contentTypeFor(key),
        modifiedAt: head.LastModified ?? new Date(0),
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw s3Failure('stat', key, err);
    }
  }

  async function* list(prefix = ''): AsyncGenerator<BlobListing> {
    assertPrefix(prefix);
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }),
        );
      } catch (err) {
        throw s3Failure('list', prefix, err);
      }
      for (const item of page.Contents ?? []) {
        // Objects other tools wrote under keys this package would refuse are skipped, not returned.
        if (item.Key === undefined || !isValidKey(item.Key)) continue;
        yield { key: item.Key, size: item.Size ?? 0, modifiedAt: item.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  return {
    kind: 's3',
    put,
    get,
    stat,
    exists: async (key) => (await stat(key)) !== null,
    async delete(key) {
      assertKey(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (err) {
        if (isNotFound(err)) return;
        throw s3Failure('delete', key, err);
      }
    },
    list,
    async link(key, { expiresInSeconds }) {
      assertKey(key);
      assertLinkLifetime(expiresInSeconds);
      return getSignedUrl(signer, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInSeconds });
    },
    async health() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
        return { ok: true, detail: where };
      } catch (err) {
        return { ok: false, detail: `${where}: ${describe(err)}` };
      }
    },
    async close() {
      client.destroy();
      if (signer !== client) signer.destroy();
    },
  };
}

function clientConfig(options: S3BlobStoreOptions, endpoint: string | undefined): S3ClientConfig {
  return {
    region: options.region,
    endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials:
      options.accessKeyId !== undefined && options.secretAccessKey !== undefined
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    // Only send and check the checksums S3 requires: the newer CRC32 defaults break many
    // S3-compatible servers (older MinIO, Garage, R2 multipart).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

function nameOf(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function isNotFound(err: unknown): boolean {
  const name = nameOf(err);
  return name === 'NoSuchKey' || name === 'NotFound' || (statusOf(err) === 404 && name !== 'NoSuchBucket');
}

function describe(err: unknown): string {
  const status = statusOf(err);
  const name = nameOf(err) ?? 'error';
  const message = err instanceof Error ? err.message : String(err);
  return `${name}${status ? ` (HTTP ${status})` : ''}: ${message}`.slice(0, 300);
}

function s3Failure(operation: string, key: string, err: unknown): StorageError {
  return new StorageError('S3_ERROR', `S3 ${operation} ${key} failed: ${describe(err)}`, { cause: err });
}
