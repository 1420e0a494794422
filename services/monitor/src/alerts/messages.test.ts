import type { MonitorIncident } from '@autoalex/db';
import { discordSpecValidator } from '@autoalex/discord/testing';
import { describe, expect, it } from 'vitest';
import type { StoredDiagnostics } from '../diagnostics.ts';
import {
  alertEmbed,
  alertMessage,
  alertNonce,
  failedChecks,
  recoveryNotice,
  reminderMessage,
  resolvedAlertEdit,
} from './messages.ts';

const T0 = new Date('2026-11-21T08:00:00Z');
const context = { failureThreshold: 3 };

function incident(overrides: Partial<MonitorIncident> = {}): MonitorIncident {
  return {
    id: 42,
    target: 'plex',
    status: 'open',
    openedAt: T0,
    resolvedAt: null,
    failureCount: 1,
    lastError: 'unreachable: Plex GET /identity: cannot reach http://10.0.0.2:32400/ (ECONNREFUSED)',
    alertChannelId: '123456789012345678',
    alertMessageId: '223456789012345678',
    alertPostingAt: null,
    recoveryPending: false,
    alertEditedAt: null,
    recoveryNoticeId: null,
    recoveryAttempts: 0,
    lastReminderAt: null,
    nextReminderAt: null,
    reminderCount: 0,
    diagnostics: {},
    updatedAt: T0,
    ...overrides,
  };
}

function diagnostics(overrides: Partial<StoredDiagnostics> = {}): StoredDiagnostics {
  return {
    container: 'binhex-plexpass',
    capturedAt: T0.toISOString(),
    outcome: 'ok',
    title: 'binhex-plexpass: exited (137, OOM killed)',
    summary: ['**State:** exited (exit code 137 (SIGKILL), OOM killed)', '**Restarts:** 4'],
    logText: 'Killed',
    asAttachment: false,
    codeBlock: '```\nKilled\n```',
    attachmentName: 'binhex-plexpass-logs.txt',
    state: { status: 'exited', exitCode: 137, oomKilled: true, restartCount: 4, health: null },
    ...overrides,
  };
}

const spec = discordSpecValidator();
function specProblems(method: 'POST' | 'PATCH', body: unknown): unknown[] {
  const path = method === 'POST' ? '/channels/1/messages' : '/channels/1/messages/2';
  const matched = spec.match(method, path);
  if (!matched) throw new Error(`the spec has no ${method} ${path}`);
  const result = spec.validateBody(matched.operation, body);
  return result.valid ? [] : result.issues;
}

describe('alert messages', () => {
  it('puts the log tail in a code block and the container in a field', () => {
    const { body, files } = alertMessage(incident({ diagnostics: diagnostics() }), context);
    expect(files).toEqual([]);
    expect(body.content).toBe('```\nKilled\n```');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.enforce_nonce).toBe(true);
    const embed = body.embeds?.[0];
    expect(embed?.title).toBe('🔴 Plex is down');
    expect(embed?.description).toContain('**Down since** <t:1795248000:f> (<t:1795248000:R>)');
    expect(embed?.description).toContain('**Failed checks:** 3 in a row');
    expect(embed?.description).toContain('**Last error:** `unreachable: Plex GET /identity');
    expect(embed?.fields).toEqual([
      {
        name: 'Container binhex-plexpass: exited (137, OOM killed)',
        value: '**State:** exited (exit code 137 (SIGKILL), OOM killed)\n**Restarts:** 4',
      },
    ]);
    expect(embed?.footer?.text).toBe('Incident #42 · Autoalex monitor');
    expect(specProblems('POST', body)).toEqual([]);
  });

  it('attaches a long log tail as a .txt file, described as attachment 0', () => {
    const logText = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    const { body, files } = alertMessage(
      incident({ diagnostics: diagnostics({ logText, asAttachment: true, codeBlock: null }) }),
      context,
    );
    expect(body.content).toBeUndefined();
    expect(body.attachments).toEqual([{ id: '0', filename: 'binhex-plexpass-logs.txt' }]);
    expect(files).toHaveLength(1);
    expect(files[0]?.data.toString('utf8')).toBe(`${logText}\n`);
    expect(body.embeds?.[0]?.fields?.[0]?.value).toContain('Log tail attached as binhex-plexpass-logs.txt.');
    expect(specProblems('POST', body)).toEqual([]);
  });

  it('alerts without diagnostics (a target with no container) with no field and no content', () => {
    const { body, files } = alertMessage(incident({ target: 'service:remix-worker' }), context);
    expect(body.embeds?.[0]?.title).toBe('🔴 service remix-worker is down');
    expect(body.embeds?.[0]?.fields).toEqual([]);
    expect(body.content).toBeUndefined();
    expect(files).toEqual([]);
  });

  it('ignores stored diagnostics it cannot read', () => {
    const embed = alertEmbed(incident({ diagnostics: { container: 5 } }), context);
    expect(embed.fields).toEqual([]);
  });

  it('keeps within Discord limits whatever the error and the diagnostics say', () => {
    const huge = 'x'.repeat(5000);
    const body = alertMessage(
      incident({
        target: `service:${'y'.repeat(400)}`,
        lastError: `${huge}\`\`\`${huge}`,
        diagnostics: diagnostics({ title: huge, summary: [huge.slice(0, 1000), huge.slice(0, 1000), '**Logs:** x'] }),
      }),
      context,
    ).body;
    const embed = body.embeds?.[0];
    expect(embed?.title?.length).toBeLessThanOrEqual(256);
    expect(embed?.description?.length).toBeLessThanOrEqual(4096);
    expect(embed?.description).not.toContain('```');
    expect(embed?.fields?.[0]?.name.length).toBeLessThanOrEqual(256);
    expect(embed?.fields?.[0]?.value.length).toBeLessThanOrEqual(1024);
    expect(specProblems('POST', body)).toEqual([]);
  });

  it('edits the alert to its resolved form with the downtime', () => {
    const resolvedAt = new Date(T0.getTime() + 4 * 60_000 + 12_000);
    const edit = resolvedAlertEdit(incident({ diagnostics: diagnostics(), failureCount: 5 }), context, resolvedAt);
    expect(Object.keys(edit)).toEqual(['embeds']);
    const embed = edit.embeds?.[0];
    expect(embed?.title).toBe('✅ Plex recovered');
    expect(embed?.color).toBe(0x2ecc71);
    expect(embed?.description).toMatch(/^\*\*Resolved\*\* <t:\d+:f> after \*\*4 min 12 s\*\* down\./);
    expect(embed?.description).toContain('**Failed checks:** 7 (3 in a row opened it)');
    expect(specProblems('PATCH', edit)).toEqual([]);
  });

  it('answers the alert with one recovery notice carrying the downtime', () => {
    const resolvedAt = new Date(T0.getTime() + 2 * 3_600_000 + 5 * 60_000);
    const { body } = recoveryNotice(incident({ failureCount: 2 }), context, resolvedAt);
    expect(body.embeds?.[0]?.title).toBe('✅ Plex is back up');
    expect(body.embeds?.[0]?.description).toBe(
      'Plex was down for **2 h 5 min**, from <t:1795248000:f> to <t:1795255500:f>.\n4 checks failed during the incident.',
    );
    expect(body.message_reference).toEqual({ message_id: '223456789012345678', fail_if_not_exists: false });
    expect(specProblems('POST', body)).toEqual([]);
  });

  it('reminds as a reply to the alert, with a nonce of its own per reminder', () => {
    const now = new Date(T0.getTime() + 6 * 3_600_000);
    const first = reminderMessage(incident({ reminderCount: 1 }), now).body;
    const second = reminderMessage(incident({ reminderCount: 2 }), now).body;
    expect(first.embeds?.[0]?.title).toBe('⏰ Plex is still down');
    expect(first.embeds?.[0]?.description).toContain('Plex has been down for **6 h**');
    expect(first.message_reference?.message_id).toBe('223456789012345678');
    expect(first.nonce).not.toBe(second.nonce);
    expect(specProblems('POST', first)).toEqual([]);
  });

  it('makes nonces of at most 25 characters, distinct per incident and kind', () => {
    const big = incident({ id: 2_147_483_647, openedAt: new Date('2099-12-31T23:59:59Z') });
    const nonces = [
      alertNonce('alert', big),
      alertNonce('recovered', big),
      alertNonce('reminder', big, 1),
      alertNonce('reminder', big, 2),
      alertNonce('alert', incident()),
    ];
    for (const nonce of nonces) expect(nonce.length).toBeLessThanOrEqual(25);
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it('counts the opening streak plus every failure recorded on the incident', () => {
    expect(failedChecks(incident({ failureCount: 1 }), context)).toBe(3);
    expect(failedChecks(incident({ failureCount: 4 }), { failureThreshold: 1 })).toBe(4);
  });
});
