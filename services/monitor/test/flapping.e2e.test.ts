import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, embedOf, type Harness, must } from './helpers/harness.ts';

// Flapping, with the default thresholds (3 failures open, 2 successes resolve): Plex that never
// fails three times in a row opens nothing; an open incident that flaps stays one incident.

const logs = Array.from({ length: 80 }, (_, i) => `line ${i}: transcoder session ${'x'.repeat(40)} ended`);
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ containers: [{ name: 'binhex-plexpass', status: 'running', logs }] });
  await h.start();
});
afterAll(async () => {
  await h?.close();
});

async function pattern(steps: string): Promise<void> {
  for (const step of steps) {
    if (step === 'd') await h.plex.down();
    else await h.plex.up();
    await h.checkNow();
  }
}

describe('monitor, flapping Plex', () => {
  it('opens no incident while failures never reach three in a row', async () => {
    await pattern('ddudduddud' + 'u');
    expect(h.alerts()).toEqual([]);
    expect(await h.incidents()).toEqual([]);
  });

  it('alerts once at the third failure in a row, with a long log tail as a .txt attachment', async () => {
    await pattern('ddd');
    const messages = h.alerts();
    expect(messages).toHaveLength(1);
    const alert = must(messages[0], 'the alert');
    expect(alert.content ?? '').toBe('');
    expect(alert.attachments).toHaveLength(1);
    const attachment = must(alert.attachments[0], 'an attachment');
    expect(attachment.filename).toBe('binhex-plexpass-logs.txt');
    const file = h.discord.attachment(attachment.id);
    expect(file?.bytes.toString('utf8')).toContain('line 79: transcoder session');
    expect(embedOf(alert).fields[0]?.value).toContain('Log tail attached as binhex-plexpass-logs.txt.');
  });

  it('keeps one open incident while Plex flaps, and resolves it only after two successes in a row', async () => {
    await pattern('ududud');
    expect(h.alerts()).toHaveLength(1);
    const [open] = await h.incidents();
    expect(open?.status).toBe('open');
    expect(open?.failureCount).toBe(4); // the opening failure plus three while flapping

    await pattern('uu');
    const messages = h.alerts();
    expect(messages).toHaveLength(2);
    expect(embedOf(messages[0]).title).toBe('✅ Plex recovered');
    expect(embedOf(messages[0]).description).toContain('**Failed checks:** 6 (3 in a row opened it)');
    expect(embedOf(messages[1]).title).toBe('✅ Plex is back up');
    expect(embedOf(messages[1]).description).toContain('6 checks failed during the incident.');
    expect(h.posted().map((r) => r.method)).toEqual(['POST', 'PATCH', 'POST']);
    expect(h.discord.violations).toEqual([]);
    const incidents = await h.incidents();
    expect(incidents.map((i) => i.status)).toEqual(['resolved']);
  });
});
