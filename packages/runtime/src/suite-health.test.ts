import { describe, expect, it } from 'vitest';
import type { Heartbeat } from './heartbeat.ts';
import { NO_HEARTBEAT, suiteHealthSchema, summarizeSuite } from './suite-health.ts';

function beat(service: string, instance: string, status: Heartbeat['status'], checks: Heartbeat['checks']): Heartbeat {
  return {
    service,
    instance,
    status,
    uptimeSeconds: 10,
    checks,
    updatedAt: `2026-11-21T10:00:0${instance.slice(-1)}.000Z`,
  };
}

describe('summarizeSuite', () => {
  it('merges replicas (worst wins, per check too) and marks silent services down', () => {
    const suite = summarizeSuite(
      [
        beat('remix-worker', 'a-1', 'ok', { redis: { status: 'ok', latencyMs: 1, detail: 'PING answered' } }),
        beat('remix-worker', 'b-2', 'degraded', { redis: { status: 'degraded', latencyMs: 900, detail: 'slow' } }),
      ],
      ['remix-worker', 'player'],
    );
    expect(suiteHealthSchema.parse(suite)).toEqual(suite);
    expect(suite.status).toBe('down');
    expect(suite.services['remix-worker']).toMatchObject({
      status: 'degraded',
      instances: 2,
      checks: { redis: { status: 'degraded', detail: 'slow' } },
      updatedAt: '2026-11-21T10:00:02.000Z',
    });
    expect(suite.services['remix-worker']?.replicas.map((r) => r.instance)).toEqual(['a-1', 'b-2']);
    expect(suite.services.player).toEqual({
      status: 'down',
      instances: 0,
      checks: {},
      updatedAt: null,
      detail: NO_HEARTBEAT,
      replicas: [],
    });
  });

  it('is ok when every expected service beats ok; disabled checks do not count against it', () => {
    const suite = summarizeSuite(
      [beat('gateway', 'g-1', 'ok', { discord: { status: 'disabled', latencyMs: 0, detail: 'not set' } })],
      ['gateway'],
    );
    expect(suite.status).toBe('ok');
  });
});
