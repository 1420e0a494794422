import { z } from 'zod';
import { flag, secret } from '../define.ts';

export const storage = {
  S3_BUCKET: z.string().optional().describe('bucket for songs, remixes and stems; unset keeps blobs on local disk'),
  S3_ENDPOINT: z
    .url({ message: 'must be a URL' })
    .optional()
    .describe('S3-compatible endpoint (MinIO, Garage, R2); unset means AWS'),
  S3_REGION: z.string().default('us-east-1').describe('S3 region'),
  S3_ACCESS_KEY_ID: secret(z.string().optional().describe('S3 access key id')),
  S3_SECRET_ACCESS_KEY: secret(z.string().optional().describe('S3 secret access key')),
  S3_FORCE_PATH_STYLE: flag(true, 'path-style bucket URLs (needed by MinIO and most self-hosted S3)'),
  S3_PUBLIC_URL: z
    .url({ message: 'must be a URL' })
    .optional()
    .describe('S3 endpoint as users reach it, for download links (when S3_ENDPOINT is an internal host)'),
  STORAGE_DIR: z.string().optional().describe('local blob folder when S3 is unset (default DATA_DIR/blobs)'),
  PUBLIC_URL: z
    .url({ message: 'must be a URL' })
    .default('http://localhost:8080')
    .describe('address of the web service as users reach it (links to files too large for Discord)'),
};
