import type { FakeDockerContainerInput } from '@autoalex/docker/testing';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_CHANNEL_ID, createHarness, embedOf, type Harness, must } from './helpers/harness.ts';

// The whole story against the fakes: Plex goes down, one alert with the container's state and log
// tail; the monitor is killed and restarted while the incident is open; Plex comes back, one
// recovery notice and the alert edited.

const PLEX_TOKEN_IN_LOGS = 'plex-owner-token-0123456789';
const container: FakeDockerContainerInput = {
  name: 'binhex-plexpass',
  image: 'binhex/arch-plexpass:latest',
  status: 'exited',
  exitCode: 137,
  oomKilled: true,
  restartCount: 4,
  env: ['PLEX_CLAIM=claim-abcdefghijklmnop', 'TZ=Europe/Berlin'],
  logs: [
    'Starting Plex Media Server.',
    `Connecting with X-Plex-Token=${PLEX_TOKEN_IN_LOGS}`,
    'claim token claim-abcdefghijklmnop accepted',
    { text: 'Critical: database corruption detected in com.plexapp.plugins.library.db', stream: 'stderr' },
    { text: 'Killed', stream: 'stderr' },
  ],
};

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ containers: [container] });
  await h.start();
});
afterAll(async () => {
  await h?.close();
});

describe('monitor, Plex down and back', () => {
  it('alerts once after three failed checks, with the container state and its redacted log tail', async () => {
    await h.plex.down();
    await h.checkNow();
    await h.checkNow();
    expect(h.alerts(), 'no alert before the third failure').toEqual([]);
    expect((await h.incidents()).length).toBe(0);

    await h.checkNow();
    await h.monitor.waitForLog((line) => line.msg === 'alert posted for plex');
    const messages = h.alerts();
    expect(messages).toHaveLength(1);
    const alert = must(messages[0], 'the alert');
    const embed = embedOf(alert);
    expect(embed.title).toBe('🔴 Plex is down');
    expect(embed.description).toContain('**Failed checks:** 3 in a row');
    expect(embed.description).toMatch(/Last error:.*unreachable/);
    expect(embed.fields[0]?.name).toBe('Container binhex-plexpass: exited (137, OOM killed)');
    expect(embed.fields[0]?.value).toContain('**Restarts:** 4');
    expect(embed.fields[0]?.value).toContain('exit code 137 (SIGKILL), OOM killed');
    expect(alert.content).toMatch(/^```\n/);
    expect(alert.content).toContain('database corruption detected');
    expect(alert.content).toContain('[stderr] Killed');
    expect(alert.content).not.toContain(PLEX_TOKEN_IN_LOGS);
    expect(alert.content).not.toContain('claim-abcdefghijklmnop');
    expect(alert.content).toContain('[redacted]');

    const [incident] = await h.incidents();
    expect(incident).toMatchObject({ status: 'open', alertChannelId: ALERT_CHANNEL_ID, alertMessageId: alert.id });
    expect(incident?.diagnostics).toMatchObject({ container: 'binhex-plexpass', outcome: 'ok' });
  });

  it('folds further failures into the open incident: no second alert', async () => {
    await h.checkNow();
    await h.checkNow();
    expect(h.alerts()).toHaveLength(1);
    const [incident] = await h.incidents();
    expect(incident?.failureCount).toBeGreaterThanOrEqual(3);
  });

  it('neither forgets nor re-alerts the open incident when the monitor is killed and restarted', async () => {
    await h.kill();
    await h.start(); // its first round finds Plex still down
    await h.checkNow();
    expect(h.alerts()).toHaveLength(1);
    expect(h.posted().filter((r) => r.method === 'POST')).toHaveLength(1);
    const incidents = await h.incidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.status).toBe('open');
  });

  it('sends one recovery notice with the downtime and edits the alert once Plex answers twice', async () => {
    await h.plex.up();
    await h.checkNow();
    expect(h.alerts(), 'one success does not resolve').toHaveLength(1);
    await h.checkNow();
    await h.monitor.waitForLog((line) => line.msg === 'incident resolved: plex is back up');
    const messages = await waitForMessages(h, 2);
    const alert = must(messages[0], 'the alert');
    const notice = must(messages[1], 'the recovery notice');
    expect(embedOf(alert).title).toBe('✅ Plex recovered');
    expect(embedOf(alert).description).toMatch(/\*\*Resolved\*\* <t:\d+:f> after \*\*\d+ (s|min)/);
    expect(alert.content, 'the log tail stays').toContain('database corruption detected');
    expect(embedOf(notice).title).toBe('✅ Plex is back up');
    expect(embedOf(notice).description).toMatch(/^Plex was down for \*\*\d+/);
    expect(notice.message_reference).toMatchObject({ message_id: alert.id });

    const [incident] = await h.incidents();
    expect(incident?.status).toBe('resolved');
    expect(incident?.resolvedAt).toBeInstanceOf(Date);
  });

  it('stays quiet while Plex stays up, and every body it sent matched Discord’s spec', async () => {
    await h.checkNow();
    await h.checkNow();
    const posted = h.posted();
    expect(posted.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(posted.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(h.discord.violations).toEqual([]);
    expect(h.discord.unhandled).toEqual([]);
  });
});

/** The notice and the edit are sent after the round that resolved; the fake emits each message. */
async function waitForMessages(harness: Harness, count: number): Promise<APIMessage[]> {
  await harness.discord.waitForMessage(
    () => harness.alerts().length >= count && harness.posted().some((r) => r.method === 'PATCH'),
  );
  return harness.alerts();
}
