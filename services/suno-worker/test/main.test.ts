import { useServiceProcess } from '@autoalex/runtime/testing';
import { startFakeServer } from '@autoalex/testkit';
import { describe, expect, it } from 'vitest';

const suno = useServiceProcess(new URL('../src/main.ts', import.meta.url), { portVariable: 'SUNO_WORKER_PORT' });

describe('suno-worker process', () => {
  it('without a provider: healthy, generation reported disabled', async () => {
    const { service, status, health } = await suno.boot();
    expect(status).toBe(200);
    expect(health.checks.suno).toMatchObject({
      status: 'disabled',
      detail: 'SUNO_API_URL is not set: song generation is disabled; set SUNO_API_URL and SUNO_API_KEY in .env',
    });
    expect(await service.stop()).toEqual({ code: 0, signal: null });
  });

  it('with a provider: checks the key and reports the credits left', async () => {
    const provider = await startFakeServer((req, res) => {
      const ok = req.path === '/api/v1/generate/credit' && req.headers.authorization === 'Bearer test-provider-key';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { code: 200, msg: 'success', data: 42 } : { code: 401, msg: 'unauthorized' }));
    });
    try {
      const { service, status, health } = await suno.boot({
        SUNO_API_URL: provider.url,
        SUNO_API_KEY: 'test-provider-key',
      });
      expect(status).toBe(200);
      expect(health.checks.suno).toMatchObject({ status: 'ok', detail: '42 credits left' });
      expect(await service.stop()).toEqual({ code: 0, signal: null });
      expect(JSON.stringify(service.logs)).not.toContain('test-provider-key');
    } finally {
      await provider.close();
    }
  });
});
