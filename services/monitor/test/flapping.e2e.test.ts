import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.ts';

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
    const messages = h.alerts() as Record<string, any>[];
    expect(messages).toHaveLength(1);
    const alert = messages[0]!;
    expect(alert.content ?? '').toBe('');
    expect(alert.attachments).toHaveLength(1);
    expect(alert.attachments[0].filename).toBe('binhex-plexpass-logs.txt');
    const file = h.discord.attachment(alert.attachments[0].id);
    expect(file?.bytes.toString('utf8')).toContain('line 79: transcoder session');
    expect(alert.embeds[0].fields[0].value).toContain('Log tail attached as binhex-plexpass-logs.txt.');
  });

  it('keeps one open incident while Plex flaps, and resolves it only after two successes in a row', async () => {
    await pattern('ududud');
    expect(h.alerts()).toHaveLength(1);
    const [open] = await h.incidents();
    expect(open?.status).toBe('open');
    expect(open?.failureCount).toBe(4); // the opening failure plus three while flapping

    await pattern('uu');
    const messages = h.alerts() as Record<string, any>[];
    expect(messages).toHaveLength(2);
    expect(messages[0]?.embeds[0].title).toBe('✅ Plex recovered');
    expect(messages[0]?.embeds[0].description).toContain('**Failed checks:** 6 (3 in a row opened it)');
    expect(messages[1]?.embeds[0].title).toBe('✅ Plex is back up');
    expect(messages[1]?.embeds[0].description).toContain('6 checks failed during the incident.');
    expect(h.posted().map((r) => r.method)).toEqual(['POST', 'PATCH', 'POST']);
    expect(h.discord.violations).toEqual([]);
    const incidents = await h.incidents();
    expect(incidents.map((i) => i.status)).toEqual(['resolved']);
  });
});
