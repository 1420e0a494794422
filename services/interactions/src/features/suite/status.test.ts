import { EMBED_TOTAL, embedSize } from '@autoalex/discord';
import type { MonitorStatus } from '@autoalex/monitoring';
import { describe, expect, it } from 'vitest';
import { ADMIN_MEMBER, command, fakeDeps, firstMessage, recordingLogger } from '../../../test/support/fake-deps.ts';
import { handleInteraction } from '../../dispatch/handle-interaction.ts';

const now = Date.parse('2026-11-21T10:00:05.000Z');
const target = (name: string, status: 'up' | 'down', detail: string) => ({
  target: name,
  label: name === 'plex' ? 'Plex' : name,
  kind: 'plex' as const,
  status,
  detail,
  checkedAt: '2026-11-21T10:00:00.000Z',
  consecutiveFailures: status === 'down' ? 3 : 0,
  consecutiveSuccesses: status === 'up' ? 5 : 0,
  incidentOpen: status === 'down',
});

const plexDown: MonitorStatus = {
  running: true,
  updatedAt: '2026-11-21T10:00:00.000Z',
  alerts: { enabled: false, detail: 'MONITOR_ALERT_CHANNEL_ID is not set' },
  targets: [target('plex', 'down', 'connect ECONNREFUSED'), target('tautulli', 'up', 'Tautulli answered')],
  openIncidents: [
    {
      id: 7,
      target: 'plex',
      label: 'Plex',
      openedAt: new Date(now - 252_000).toISOString(),
      durationMs: 252_000,
      failureCount: 3,
      lastError: 'connect ECONNREFUSED',
      alerted: false,
      alertChannelId: null,
      alertMessageId: null,
    },
  ],
  problems: [],
};

describe('/status with the monitor', () => {
  it("shows the monitor's targets and open incidents beside the suite's health", async () => {
    const deps = fakeDeps({ readMonitor: async () => plexDown });
    await handleInteraction(deps, command('status'), recordingLogger());
    const [suite, monitor] = firstMessage(deps.responder).embeds ?? [];
    expect(suite?.title).toBe('Autoalex: something is down');
    expect(monitor?.title).toBe('Monitor: 1 open incident');
    expect(monitor?.description?.split('\n')).toEqual([
      '❌ **Plex** · down for 4 min 12 s (incident #7) — connect ECONNREFUSED',
      '✅ **tautulli** · up — Tautulli answered',
    ]);
  });

  it('says when no monitor is running; details stay ephemeral for members and include the monitor', async () => {
    const member = fakeDeps();
    await handleInteraction(member, command('status', [{ name: 'details', type: 5, value: true }]), recordingLogger());
    const message = firstMessage(member.responder);
    expect(message.ephemeral).toBe(true);
    expect(message.embeds?.map((e) => e.title)).toEqual(['Autoalex: something is down', 'Monitor: not running']);

    const admin = fakeDeps({ readMonitor: async () => plexDown });
    await handleInteraction(
      admin,
      command('status', [{ name: 'details', type: 5, value: true }], ADMIN_MEMBER),
      recordingLogger(),
    );
    expect(firstMessage(admin.responder).ephemeral).toBe(false);
    expect(firstMessage(admin.responder).embeds?.[1]?.title).toBe('Monitor: 1 open incident');
  });

  it("keeps both embeds within Discord's 6000 characters however many targets are watched", async () => {
    const many: MonitorStatus = {
      ...plexDown,
      targets: Array.from({ length: 200 }, (_, i) => target(`service:${i}`, 'down', 'x'.repeat(150))),
    };
    const deps = fakeDeps({ readMonitor: async () => many });
    await handleInteraction(deps, command('status'), recordingLogger());
    const embeds = firstMessage(deps.responder).embeds ?? [];
    expect(embeds).toHaveLength(2);
    expect(embeds.reduce((sum, e) => sum + embedSize(e), 0)).toBeLessThanOrEqual(EMBED_TOTAL);
    expect(embeds[1]?.description).toMatch(/… and \d+ more/);
  });
});
