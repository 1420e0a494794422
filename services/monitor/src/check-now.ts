import type { JobContext, JobPayload, Meta, ReplyTarget } from '@autoalex/contracts';
import type { OutgoingMessage, Responder } from '@autoalex/discord';
import { type MonitorStatus, monitorStatusEmbed } from '@autoalex/monitoring';
import type { RoundReport } from './round.ts';

export interface CheckNowDeps {
  /** Runs a round of every check (after the one in progress). */
  runNow(): Promise<RoundReport>;
  /** The monitor's status as /status shows it, read after the round. */
  readStatus(): Promise<MonitorStatus>;
  responderFor(reply: ReplyTarget, meta: Meta): Responder;
  now(): number;
}

/**
 * `monitor` queue, `check-now`: every check now instead of at the next tick. The round counts like
 * any other (thresholds, incidents). With a reply target, the requester gets the fresh status.
 */
export async function handleCheckNow(
  deps: CheckNowDeps,
  payload: JobPayload<'monitor', 'check-now'>,
  ctx: Pick<JobContext, 'log'>,
): Promise<{ targets: number; down: number; openIncidents: number }> {
  const report = await deps.runNow();
  const down = report.results.filter((result) => result.status === 'down').map((result) => result.id);
  ctx.log.info(
    { targets: report.results.length, down, openIncidents: report.openIncidents },
    'check-now: round finished',
  );
  if (payload.reply) {
    const responder = deps.responderFor(payload.reply, payload.meta);
    await responder.editOriginal(checkNowMessage(await deps.readStatus(), deps.now()));
    await responder.complete('ok');
  }
  return { targets: report.results.length, down: down.length, openIncidents: report.openIncidents };
}

export function checkNowMessage(status: MonitorStatus, now: number): OutgoingMessage {
  return { embeds: [monitorStatusEmbed(status, now)] };
}
