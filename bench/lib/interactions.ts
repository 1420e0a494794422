import type { Logger } from '@autoalex/contracts';

// Synthetic gateway interactions for benches: shaped like Discord's INTERACTION_CREATE for a slash
// command in a guild (about 1 KB, the fields the suite reads plus the ones Discord always sends).

const DISCORD_EPOCH = 1_420_070_400_000n;
export const BENCH_APPLICATION_ID = '1300000000000000100';
export const BENCH_GUILD_ID = '1300000000000000200';
const CHANNEL_ID = '1300000000000000300';
const COMMAND_ID = '1300000000000000400';
/** Distinct users the interactions come from (the per-user rate limit is set out of the way anyway). */
const USERS = 1000;

export function createInteractionSource(command: string) {
  let counter = 0n;
  return (sequence: number): Record<string, unknown> => {
    counter = (counter + 1n) & 0x3fffffn;
    const id = (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | counter).toString();
    const userId = String(1300000000000010000n + BigInt(sequence % USERS));
    return {
      id,
      application_id: BENCH_APPLICATION_ID,
      type: 2,
      token: `bench-${id}-${'x'.repeat(160)}`,
      version: 1,
      guild_id: BENCH_GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: BENCH_GUILD_ID, name: 'general', flags: 0 },
      member: {
        user: {
          id: userId,
          username: `listener${sequence % USERS}`,
          discriminator: '0',
          global_name: null,
          avatar: null,
        },
        roles: [],
        permissions: '2248473465835073',
        joined_at: '2025-01-01T00:00:00.000000+00:00',
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        communication_disabled_until: null,
      },
      data: { id: COMMAND_ID, name: command, type: 1, guild_id: BENCH_GUILD_ID },
      locale: 'en-US',
      guild_locale: 'en-US',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: { '0': BENCH_GUILD_ID },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
  };
}

/** A logger that prints nothing and counts warnings and errors (so lost interactions show in the report). */
export function countingLogger(): Logger & { problems: Map<string, number> } {
  const problems = new Map<string, number>();
  const count = (_obj: object, msg?: string) => problems.set(msg ?? '?', (problems.get(msg ?? '?') ?? 0) + 1);
  const logger: Logger & { problems: Map<string, number> } = {
    problems,
    child: () => logger,
    debug: () => {},
    info: () => {},
    warn: count,
    error: count,
  };
  return logger;
}
