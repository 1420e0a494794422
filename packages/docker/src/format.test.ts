import { describe, expect, it } from 'vitest';
import type { DiagnosisOk } from './diagnose.ts';
import { DISCORD_LIMITS, formatDiagnostics } from './format.ts';
import type { LogLine } from './lines.ts';

function ok(overrides: Partial<DiagnosisOk['container']> = {}, lines: LogLine[] = []): DiagnosisOk {
  return {
    kind: 'ok',
    container: {
      name: 'binhex-plexpass',
      id: 'a'.repeat(64),
      image: 'binhex/arch-plexpass:latest',
      state: {
        status: 'running',
        running: true,
        restarting: false,
        oomKilled: false,
        exitCode: 0,
        error: null,
        startedAt: '2026-11-21T08:00:00.000000001Z',
        finishedAt: null,
      },
      health: null,
      restartCount: 0,
      ...overrides,
    },
    logs: { lines, truncated: false, problem: null },
  };
}

const line = (text: string, stream: 'stdout' | 'stderr' = 'stdout'): LogLine => ({
  stream,
  timestamp: '2026-11-21T08:00:01.123456789Z',
  text,
});

describe('formatDiagnostics', () => {
  it('summarises a running container and puts short logs in a code block', () => {
    const out = formatDiagnostics(ok({}, [line('Server ready'), line('slow disk', 'stderr')]));
    expect(out.title).toBe('binhex-plexpass: running');
    expect(out.summary).toEqual([
      '**State:** running since 2026-11-21 08:00:00 UTC',
      '**Image:** `binhex/arch-plexpass:latest`',
      '**Logs:** last 2 lines (1 on stderr)',
    ]);
    expect(out.logText).toBe('2026-11-21T08:00:01Z Server ready\n2026-11-21T08:00:01Z [stderr] slow disk');
    expect(out.asAttachment).toBe(false);
    expect(out.codeBlock).toBe(`\`\`\`\n${out.logText}\n\`\`\``);
    expect(out.attachmentName).toBe('binhex-plexpass-logs.txt');
  });

  it('names OOM kills, exit signals, restarts, health and runtime errors', () => {
    const out = formatDiagnostics(
      ok({
        state: {
          status: 'exited',
          running: false,
          restarting: false,
          oomKilled: true,
          exitCode: 137,
          error: 'OCI runtime create failed',
          startedAt: '2026-11-21T08:00:00Z',
          finishedAt: '2026-11-21T09:00:00.5Z',
        },
        restartCount: 4,
        health: { status: 'unhealthy', failingStreak: 3, lastOutput: 'curl: (7) `Failed` to connect' },
      }),
    );
    expect(out.title).toBe('binhex-plexpass: exited (137, OOM killed)');
    expect(out.summary).toEqual([
      '**State:** exited (exit code 137 (SIGKILL), OOM killed) at 2026-11-21 09:00:00 UTC',
      '**Restarts:** 4',
      '**Health:** unhealthy, 3 failing checks in a row — last check: `curl: (7) ˋFailedˋ to connect`',
      '**Error:** `OCI runtime create failed`',
      '**Image:** `binhex/arch-plexpass:latest`',
      '**Logs:** no output',
    ]);
    expect(out.codeBlock).toBeNull();
    expect(out.attachmentName).toBeNull();
  });

  it('titles a crash loop restarting, with the restart count and the last exit, even when read while it runs', () => {
    const now = new Date('2026-11-21T09:01:00Z');
    const running = (finishedAt: string) =>
      ok({
        state: { ...ok().container.state, startedAt: '2026-11-21T09:00:59Z', finishedAt },
        restartCount: 5,
      });
    expect(formatDiagnostics(running('2026-11-21T09:00:58.5Z'), { now }).title).toBe(
      'binhex-plexpass: restarting (5 restarts, last exit at 2026-11-21 09:00:58 UTC)',
    );
    // Long ago: it restarted once and has been running since.
    expect(formatDiagnostics(running('2026-11-20T09:00:58Z'), { now }).title).toBe('binhex-plexpass: running');
    const restarting = ok({
      state: { ...ok().container.state, status: 'restarting', running: true, restarting: true, exitCode: 137 },
      restartCount: 1,
    });
    expect(formatDiagnostics(restarting, { now }).title).toBe('binhex-plexpass: restarting (1 restart, last exit 137)');
  });

  it('sends long logs as an attachment and keeps every piece within Discord limits', () => {
    const lines = Array.from({ length: 200 }, (_, i) => line(`line ${i} ${'x'.repeat(60)}`));
    const out = formatDiagnostics(
      ok({ health: { status: 'unhealthy', failingStreak: 1, lastOutput: 'y'.repeat(5000) } }, lines),
    );
    expect(out.asAttachment).toBe(true);
    expect(out.codeBlock).toBeNull();
    expect(out.logText.split('\n')).toHaveLength(200);
    for (const s of out.summary) expect(s.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValue);
    expect(out.summary.join('\n').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(out.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
  });

  it('keeps a code block right at the limit inline, one character more goes to an attachment', () => {
    const overhead = '```\n'.length + '\n```'.length + '2026-11-21T08:00:01Z '.length;
    const fits = formatDiagnostics(ok({}, [line('z'.repeat(DISCORD_LIMITS.messageContent - overhead))]));
    expect(fits.codeBlock?.length).toBe(DISCORD_LIMITS.messageContent);
    expect(fits.asAttachment).toBe(false);
    const over = formatDiagnostics(ok({}, [line('z'.repeat(DISCORD_LIMITS.messageContent - overhead + 1))]));
    expect(over.asAttachment).toBe(true);
  });

  it('cannot be broken out of its code block by a log line', () => {
    const out = formatDiagnostics(ok({}, [line('```\n@everyone')]));
    expect(out.codeBlock?.match(/```/g)).toHaveLength(2);
    expect(out.logText).toContain('```');
  });

  it('says when logs are truncated or could not be read', () => {
    const truncated = ok({}, [line('a')]);
    truncated.logs.truncated = true;
    expect(formatDiagnostics(truncated).summary.at(-1)).toBe('**Logs:** last 1 line, truncated');
    const failed = ok();
    failed.logs.problem = {
      reason: 'timeout',
      message: 'Docker at x did not answer GET /containers/a/logs within 5 ms',
    };
    expect(formatDiagnostics(failed).summary.at(-1)).toBe(
      '**Logs:** unavailable — Docker at x did not answer GET /containers/a/logs within 5 ms',
    );
  });

  it('formats an unavailable result as its message', () => {
    const out = formatDiagnostics({
      kind: 'unavailable',
      name: 'binhex-plexpass',
      reason: 'container-missing',
      message: 'container binhex-plexpass not found',
    });
    expect(out).toEqual({
      title: 'binhex-plexpass: no diagnostics',
      summary: ['container binhex-plexpass not found'],
      logText: '',
      asAttachment: false,
      codeBlock: null,
      attachmentName: null,
    });
  });
});
