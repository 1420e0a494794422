import { reportDisabled, type ServiceContext, useIntegration } from '@autoalex/runtime';
import { storageIntegration } from '@autoalex/runtime/integrations/storage';
import type { Config } from './config.ts';
import { FILES_OFF, FILES_ON_S3, type FilesRoute } from './routes/files.ts';

/**
 * GET /files/*: signed links to local-disk blobs (the remix-worker's downloads too large for
 * Discord, ADR 0190). Off on S3 (links point at S3) and without LINK_SIGNING_SECRET.
 */
export function useFilesRoute(ctx: ServiceContext<Config>): FilesRoute {
  const { config } = ctx;
  if (config.S3_BUCKET) return { disabled: FILES_ON_S3 };
  const signingSecret = config.LINK_SIGNING_SECRET;
  if (!signingSecret) {
    reportDisabled(ctx, 'files', FILES_OFF);
    return { disabled: FILES_OFF };
  }
  return { store: useIntegration(ctx, storageIntegration, { client: { signingSecret } }), signingSecret };
}
