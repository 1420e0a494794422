import { useServiceProcess } from '@autoalex/runtime/testing';
import { describe, expect, it } from 'vitest';

const player = useServiceProcess(new URL('../src/main.ts', import.meta.url), { portVariable: 'PLAYER_PORT' });

describe('player process', () => {
  it('starts healthy with its Redis check (no Postgres, which it does not use yet) and exits 0 on SIGTERM', async () => {
    const { service, status, health } = await player.boot();
    expect(status).toBe(200);
    expect(health).toMatchObject({
      service: 'player',
      status: 'ok',
      checks: { redis: { status: 'ok' } },
    });
    expect(health).not.toHaveProperty('checks.postgres');
    expect(await service.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });
});
