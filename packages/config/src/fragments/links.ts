import { z } from 'zod';
import { secret } from '../define.ts';

/**
 * Signed links to local-disk blobs (no S3): a service that hands out links (the remix-worker) signs
 * them, the web service checks them at `/files/`. Its own fragment so the secret reaches only those.
 */
export const links = {
  LINK_SIGNING_SECRET: secret(
    z
      .string()
      .min(16, 'must be at least 16 characters (openssl rand -hex 32)')
      .optional()
      .describe(
        'signs download links to local-disk blobs, which the web service serves at /files/ (give the remix-worker and web the same value); unset: no links without S3',
      ),
  ),
};
