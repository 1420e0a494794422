import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Open-loop load: `fire` is called at `rate` per second for `durationMs`, on schedule, whether or
 * not earlier calls have been answered (a slow system does not slow the load down, so its latency
 * is not hidden). When the event loop falls behind, the missed calls go out at once; how late each
 * call was is returned so the report can show the generator kept up.
 */
export async function openLoop(
  rate: number,
  durationMs: number,
  fire: (sequence: number) => void,
): Promise<{ sent: number; lateMs: number[] }> {
  const interval = 1000 / rate;
  const total = Math.floor((durationMs * rate) / 1000);
  const lateMs: number[] = [];
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor((now - start) / interval) + 1);
    while (sent < due) {
      lateMs.push(Math.max(0, performance.now() - (start + sent * interval)));
      fire(sent);
      sent++;
    }
    const next = start + sent * interval;
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { sent, lateMs };
}
