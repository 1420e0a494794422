import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.ts';

// Timed polling (PLEX_POLL_INTERVAL, no check-now) with alerts disabled: incidents are still
// recorded and logged, and /healthz says alerts are off.

let h: Harness;

beforeAll(async () => {
  h = await createHarness({
    alertsDisabled: true,
    containers: [{ name: 'binhex-plexpass', status: 'running' }],
    env: { PLEX_POLL_INTERVAL: '5', MONITOR_FAILURE_THRESHOLD: '1', MONITOR_SUCCESS_THRESHOLD: '1' },
  });
  await h.start();
});
afterAll(async () => {
  await h?.close();
});

describe('monitor, polling on its own with alerts disabled', () => {
  it('records and logs the incident at the next poll after Plex goes down', async () => {
    await h.plex.down();
    const opened = await h.monitor.waitForLog(
      (line) => line.msg === 'incident opened: plex is down (1 failed check in a row)',
    );
    expect(opened.level).toBe('warn');
    const [incident] = await h.incidents();
    expect(incident).toMatchObject({ status: 'open', alertMessageId: null });
    expect(incident?.diagnostics).toMatchObject({ container: 'binhex-plexpass', outcome: 'ok' });

    const health = (await (await fetch(`http://127.0.0.1:${h.port}/healthz`)).json()) as {
      status: string;
      checks: Record<string, { status: string; detail: string }>;
    };
    expect(health.status).toBe('ok');
    expect(health.checks.alerts).toMatchObject({ status: 'disabled' });
    expect(health.checks.alerts?.detail).toMatch(/^alerts are disabled: .*incidents are still recorded and logged/);
  });

  it('resolves it at the next poll after Plex is back, without talking to Discord', async () => {
    await h.plex.up();
    await h.monitor.waitForLog((line) => line.msg === 'incident resolved: plex is back up');
    const [incident] = await h.incidents();
    expect(incident?.status).toBe('resolved');
    expect(h.discord.requests).toEqual([]);
  });
});
