import {
  type Bus,
  createMeta,
  type DiscordInteraction,
  discordInteraction,
  type INTERACTION_SOURCES,
} from '@autoalex/contracts';

export type InteractionSource = (typeof INTERACTION_SOURCES)[number];

export interface PublishDeps {
  bus: Pick<Bus, 'enqueue'>;
  now?: () => number;
}

export interface Published {
  jobId: string;
  correlationId: string;
  receivedAt: number;
  interaction: DiscordInteraction;
}

/** Snowflake-looking string, or undefined (the schema checks the ids that matter). */
function id(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{17,20}$/.test(value) ? value : undefined;
}

/**
 * Puts a raw Discord interaction on the `interactions` queue, untouched (unknown fields pass
 * through), with `receivedAt`, its source and a fresh meta block (who asked, in which guild). The
 * job id is the interaction id, so a redelivered interaction (gateway resume, HTTP retry) is a no-op.
 * Throws ContractError when the interaction lacks what every interaction has, and
 * BusUnavailableError when Redis does not answer (nothing was enqueued).
 */
export async function publishInteraction(
  deps: PublishDeps,
  raw: unknown,
  source: InteractionSource,
  receivedAt: number = (deps.now ?? Date.now)(),
): Promise<Published> {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const member = record.member as { user?: { id?: unknown } } | undefined;
  const user = record.user as { id?: unknown } | undefined;
  const requestedBy = id(member?.user?.id) ?? id(user?.id);
  const guildId = id(record.guild_id);
  const meta = createMeta({ ...(requestedBy ? { requestedBy } : {}), ...(guildId ? { guildId } : {}) }, receivedAt);
  const jobId = await deps.bus.enqueue('interactions', 'interaction', {
    interaction: raw as DiscordInteraction,
    receivedAt,
    source,
    meta,
  });
  return { jobId, correlationId: meta.correlationId, receivedAt, interaction: discordInteraction.parse(raw) };
}
