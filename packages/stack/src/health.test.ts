import { describe, expect, it } from 'vitest';
import { healthRows, parseHealth } from './health.ts';

// The shape web's /api/health answers (services/web/src/suite-health.ts).
const body = {
  status: 'down',
  services: {
    web: {
      status: 'ok',
      instances: 1,
      updatedAt: '2025-01-01T00:00:00.000Z',
      checks: {
        redis: { status: 'ok', latencyMs: 1, detail: '' },
        discord: { status: 'disabled', latencyMs: 0, detail: 'DISCORD_TOKEN is not set' },
      },
      replicas: [],
    },
    monitor: {
      status: 'degraded',
      instances: 2,
      updatedAt: '2025-01-01T00:00:00.000Z',
      checks: { plex: { status: 'down', latencyMs: 3, detail: 'Plex answered HTTP 500' } },
      replicas: [],
    },
    gateway: {
      status: 'down',
      instances: 0,
      updatedAt: null,
      checks: {},
      detail: 'no heartbeat',
      replicas: [],
    },
  },
};

describe('parseHealth', () => {
  it("reads web's report: status, problems, integrations that are off, and who has not reported", () => {
    const health = parseHealth(body);
    expect(health.get('web')).toEqual({ status: 'ok', reported: true, notes: ['not configured: discord'] });
    expect(health.get('monitor')).toEqual({
      status: 'degraded',
      reported: true,
      notes: ['plex down: Plex answered HTTP 500'],
    });
    expect(health.get('gateway')).toEqual({ status: 'down', reported: false, notes: ['no heartbeat'] });
  });

  it('also reads a list of replicas, folding them into the worst status', () => {
    const health = parseHealth([
      { service: 'player', status: 'ok' },
      { service: 'player', status: 'down' },
      { name: 'web', status: 'ok' },
    ]);
    expect(health.get('player')?.status).toBe('down');
    expect(health.get('web')?.status).toBe('ok');
  });

  it('returns nothing for an answer it does not understand', () => {
    for (const answer of [null, 'ok', 42, { services: 7 }, { services: [{ nope: true }] }]) {
      expect(parseHealth(answer).size).toBe(0);
    }
  });
});

describe('healthRows', () => {
  it('prefers a report, then what the supervisor knows', () => {
    const rows = healthRows(['web', 'gateway', 'player', 'monitor', 'suno-worker'], parseHealth(body), {
      web: { state: 'running', pid: 1, crashes: 0 },
      gateway: { state: 'config-error', pid: undefined, crashes: 0 },
      player: { state: 'waiting', pid: undefined, crashes: 3 },
      monitor: { state: 'running', pid: 2, crashes: 0 },
      'suno-worker': { state: 'running', pid: 3, crashes: 0 },
    });
    expect(rows).toEqual([
      ['web', 'ok — not configured: discord'],
      ['gateway', 'stopped: its configuration is wrong (exit 78, see its log above)'],
      ['player', 'crashed 3× in a row, restarting'],
      ['monitor', 'degraded — plex down: Plex answered HTTP 500'],
      ['suno-worker', 'running, no health report yet'],
    ]);
  });
});
