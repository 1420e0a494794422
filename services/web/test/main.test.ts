import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suiteHealthSchema } from '@autoalex/runtime';
import { freePort, useServiceProcess } from '@autoalex/runtime/testing';
import { createStorage } from '@autoalex/storage';
import { describe, expect, it } from 'vitest';
import { FILES_OFF } from '../src/routes/files.ts';

const web = useServiceProcess(new URL('../src/main.ts', import.meta.url), { portVariable: 'WEB_PORT' });

describe('web process', () => {
  it('serves /healthz and /api/health (seeing its own heartbeat) and exits 0 on SIGTERM', async () => {
    const { service, status, health, port } = await web.boot();
    expect(status).toBe(200);
    expect(health).toMatchObject({
      service: 'web',
      status: 'ok',
      checks: {
        redis: { status: 'ok' },
        login: {
          status: 'disabled',
          detail:
            'DISCORD_APPLICATION_ID, DISCORD_CLIENT_SECRET, SESSION_SECRET, ENCRYPTION_KEY are not set: Discord login to the dashboard is disabled; set them in .env',
        },
        files: { status: 'disabled', detail: FILES_OFF },
      },
    });
    expect(health).not.toHaveProperty('checks.storage');
    // The web service has no use for Postgres (yet): it never connects to it.
    expect(health).not.toHaveProperty('checks.postgres');
    const suite = suiteHealthSchema.parse(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json());
    expect(suite.services.web).toMatchObject({ status: 'ok', instances: 1 });
    expect(suite.services.gateway).toMatchObject({ status: 'down', instances: 0 });
    expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('serves a link the remix-worker made with the same LINK_SIGNING_SECRET, over HTTP', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'web-main-files-'));
    const env = {
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LINK_SIGNING_SECRET: 'main-test-link-secret-0123456789',
    };
    const { service, health } = await web.boot({ ...env, WEB_PORT: String(port) });
    try {
      expect(health).toMatchObject({ checks: { storage: { status: 'ok' } } });
      expect(health).not.toHaveProperty('checks.files');
      // The remix-worker's side: createStorage from the same settings (blobs under DATA_DIR/blobs).
      const worker = createStorage(
        { ...env, S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: true },
        { signingSecret: env.LINK_SIGNING_SECRET },
      );
      const bytes = Buffer.from('ID3 not really an mp3, but bytes all the same');
      await worker.put('remixes/job-1/remix.mp3', bytes);
      const link = await worker.link('remixes/job-1/remix.mp3', { expiresInSeconds: 300 });

      const whole = await fetch(link);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('audio/mpeg');
      expect(whole.headers.get('content-disposition')).toBe('attachment; filename="remix.mp3"');
      expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
      const part = await fetch(link, { headers: { range: 'bytes=4-6' } });
      expect(part.status).toBe(206);
      expect(await part.text()).toBe('not');
      const head = await fetch(link, { method: 'HEAD' });
      expect(head.headers.get('content-length')).toBe(String(bytes.length));
      const forged = await fetch(link.replace(/signature=[^&]+/, `signature=${'A'.repeat(43)}`));
      expect(forged.status).toBe(403);
      expect(await forged.json()).toMatchObject({ reason: 'bad-signature' });
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
