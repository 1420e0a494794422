import type { GatewayVoiceStateJob, JobContext } from '@autoalex/contracts';
import { UnrecoverableError } from 'bullmq';
import type { GatewayConnection } from './connection.ts';
import { shardForGuild } from './shards.ts';

export interface SendVoiceStateDeps {
  connection: Pick<GatewayConnection, 'shards' | 'send'>;
}

/** gateway-send `voice-state`: op 4 on the shard that holds the guild. */
export async function sendVoiceState(
  deps: SendVoiceStateDeps,
  job: GatewayVoiceStateJob,
  ctx: Pick<JobContext, 'log'>,
): Promise<void> {
  const shards = await deps.connection.shards();
  if (!shards) throw new Error('not connected to the Discord gateway yet');
  const shardId = shardForGuild(job.guildId, shards.shardCount);
  if (!shards.shardIds.includes(shardId)) {
    // Another gateway replica runs it; with several replicas each needs its own queue (ADR 0010).
    throw new UnrecoverableError(
      `guild ${job.guildId} is on shard ${shardId}, which this gateway does not run (it runs ${shards.shardIds.join(', ')})`,
    );
  }
  await deps.connection.send(shardId, job.payload);
  ctx.log.debug({ shardId, channelId: job.payload.d.channel_id }, 'sent op 4');
}
