import type { OutgoingMessage } from '@autoalex/discord';
import { EMBED_TOTAL, embedSize, fitEmbed } from '@autoalex/discord';
import { type MonitorStatus, monitorStatusEmbed } from '@autoalex/monitoring';
import type { CheckResult, ServiceHealth, SuiteHealth } from '@autoalex/runtime';
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';

// The suite's health as Discord embeds: a summary (one line per service) or the details (every
// check of every service), then the monitor's view (every watched target, open incidents).

type Status = SuiteHealth['status'] | CheckResult['status'];

const MARK: Record<Status, string> = { ok: '✅', degraded: '⚠️', down: '❌', disabled: '➖' };
const COLOR: Record<SuiteHealth['status'], number> = { ok: 0x2ecc71, degraded: 0xf1c40f, down: 0xe74c3c };
const HEADLINE: Record<SuiteHealth['status'], string> = {
  ok: 'every service is running',
  degraded: 'running, with problems',
  down: 'something is down',
};

function replicas(service: ServiceHealth): string {
  if (service.instances === 0) return 'not running';
  return service.instances === 1 ? '1 replica' : `${service.instances} replicas`;
}

function serviceLine(name: string, service: ServiceHealth): string {
  const problems = Object.entries(service.checks)
    .filter(([, check]) => check.status === 'down' || check.status === 'degraded')
    .map(([check]) => check);
  const why = problems.length > 0 ? ` — ${problems.join(', ')} ${problems.length === 1 ? 'is' : 'are'} failing` : '';
  return `${MARK[service.status]} **${name}** · ${service.status}, ${replicas(service)}${why}`;
}

function checkLine(name: string, check: CheckResult): string {
  const latency = check.status === 'disabled' ? '' : ` (${Math.round(check.latencyMs)} ms)`;
  return `${MARK[check.status]} ${name}: ${check.detail}${latency}`;
}

function base(health: SuiteHealth, at: Date): APIEmbed {
  return {
    title: `Autoalex: ${HEADLINE[health.status]}`,
    color: COLOR[health.status],
    timestamp: at.toISOString(),
  };
}

/** One line per service; `withDetailsHint` mentions the Details button. */
export function statusSummary(health: SuiteHealth, at: Date): APIEmbed {
  const lines = Object.entries(health.services).map(([name, service]) => serviceLine(name, service));
  return fitEmbed({ ...base(health, at), description: lines.join('\n') });
}

/** Every check of every service, one field per service. */
export function statusDetails(health: SuiteHealth, at: Date): APIEmbed {
  const fields: APIEmbedField[] = Object.entries(health.services).map(([name, service]) => {
    const checks = Object.entries(service.checks).map(([check, result]) => checkLine(check, result));
    const lines = [`${service.status}, ${replicas(service)}`, ...(service.detail ? [service.detail] : []), ...checks];
    return { name: `${MARK[service.status]} ${name}`, value: lines.join('\n') };
  });
  return fitEmbed({ ...base(health, at), fields });
}

/** The monitor's embed, clipped to what the suite's embed left of the message's 6000 characters. */
export function monitorEmbed(monitor: MonitorStatus, at: Date, budget: number): APIEmbed {
  return fitEmbed(monitorStatusEmbed(monitor, at.getTime()), budget);
}

export function statusMessage(
  health: SuiteHealth,
  monitor: MonitorStatus,
  at: Date,
  details: boolean,
): OutgoingMessage {
  const suite = details ? statusDetails(health, at) : statusSummary(health, at);
  return { embeds: [suite, monitorEmbed(monitor, at, EMBED_TOTAL - embedSize(suite))] };
}
