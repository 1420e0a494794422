import { describe, expect, it } from 'vitest';
import { monitorStatusEmbed, monitorStatusLines } from './format.ts';
import type { MonitorStatus } from './status.ts';
import { formatDuration, targetKind, targetLabel } from './targets.ts';

const NOW = Date.parse('2026-11-21T10:00:00Z');

function status(overrides: Partial<MonitorStatus> = {}): MonitorStatus {
  return {
    running: true,
    updatedAt: new Date(NOW - 5000).toISOString(),
    alerts: { enabled: true, detail: 'alerts go to Discord channel 1' },
    targets: [
      {
        target: 'plex',
        label: 'Plex',
        kind: 'plex',
        status: 'down',
        detail: 'unreachable: connection refused',
        checkedAt: new Date(NOW).toISOString(),
        consecutiveFailures: 5,
        consecutiveSuccesses: 0,
        incidentOpen: true,
      },
      {
        target: 'queue:remix',
        label: 'queue remix',
        kind: 'queue',
        status: 'up',
        detail: '0 waiting',
        checkedAt: new Date(NOW).toISOString(),
        consecutiveFailures: 0,
        consecutiveSuccesses: 9,
        incidentOpen: false,
      },
    ],
    openIncidents: [
      {
        id: 7,
        target: 'plex',
        label: 'Plex',
        openedAt: new Date(NOW - 4 * 60_000 - 12_000).toISOString(),
        durationMs: 252_000,
        failureCount: 3,
        lastError: 'unreachable',
        alerted: true,
        alertChannelId: '1',
        alertMessageId: '2',
      },
    ],
    problems: [],
    ...overrides,
  };
}

describe('monitor status text', () => {
  it('writes one line per target, with the open incident and its duration', () => {
    expect(monitorStatusLines(status(), NOW)).toEqual([
      '❌ **Plex** · down for 4 min 12 s (incident #7) — unreachable: connection refused',
      '✅ **queue remix** · up — 0 waiting',
    ]);
    const embed = monitorStatusEmbed(status(), NOW);
    expect(embed.title).toBe('Monitor: 1 open incident');
    expect(embed.color).toBe(0xe74c3c);
    expect(embed.fields).toEqual([]);
  });

  it('shows open incidents from Postgres when no monitor is running, and says so', () => {
    const embed = monitorStatusEmbed(status({ running: false, updatedAt: null, alerts: null, targets: [] }), NOW);
    expect(embed.title).toBe('Monitor: not running');
    expect(embed.description).toBe('❌ **Plex** · down for 4 min 12 s (incident #7) — unreachable');
  });

  it('says when nothing is watched, when alerts are off and what could not be read', () => {
    const embed = monitorStatusEmbed(
      status({
        targets: [],
        openIncidents: [],
        alerts: { enabled: false, detail: 'alerts are disabled: DISCORD_ALERT_CHANNEL_ID is not set' },
        problems: ['cannot read open incidents from Postgres: connection refused'],
      }),
      NOW,
    );
    expect(embed.title).toBe('Monitor: every watched target is up');
    expect(embed.description).toMatch(/^Nothing is watched/);
    expect(embed.fields).toEqual([
      { name: 'Alerts', value: 'alerts are disabled: DISCORD_ALERT_CHANNEL_ID is not set' },
      { name: 'Could not read', value: 'cannot read open incidents from Postgres: connection refused' },
    ]);
  });

  it('fits many targets into one description', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...status().targets[1]!,
      target: `queue:q${i}`,
      label: `queue q${i}`,
      detail: 'y'.repeat(150),
    }));
    const embed = monitorStatusEmbed(status({ targets: many, openIncidents: [] }), NOW);
    expect(embed.description.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toMatch(/… and \d+ more$/);
  });
});

describe('targets and durations', () => {
  it('names targets for people and by kind', () => {
    expect(targetLabel('plex')).toBe('Plex');
    expect(targetLabel('service:remix-worker')).toBe('service remix-worker');
    expect(targetLabel('queue:remix')).toBe('queue remix');
    expect(targetKind('tautulli')).toBe('tautulli');
    expect(targetKind('elsewhere')).toBeUndefined();
  });

  it('formats durations with two units at most', () => {
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(252_000)).toBe('4 min 12 s');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(7_500_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 59_000)).toBe('3 d 4 h');
  });
});
