import { commandByName, type OptionsOf } from '@autoalex/discord';
import { z } from 'zod';
import type { CommandModule } from '../../dispatch/handler.ts';
import type { SuiteDeps } from './deps.ts';
import { statusMessage } from './status-view.ts';

/** The state behind the Details button under a /status summary. */
export const statusDetailsState = z.object({ requestedBy: z.string().optional() });

export const data = commandByName('status').data;

/**
 * /status: the suite's health from the heartbeats, and the monitor's view beside it (every watched
 * target, open incidents). The summary is public, with a Details button; the details are public for
 * admins who ask for them, ephemeral for everyone else.
 */
export const handle: CommandModule<SuiteDeps, OptionsOf<'status'>>['handle'] = async (
  deps,
  { options, actor, respond },
) => {
  const [{ health }, monitor] = await Promise.all([deps.readHealth(), deps.readMonitor()]);
  const at = new Date(deps.now());
  if (options.details) {
    await respond.reply({ ...statusMessage(health, monitor, at, true), ephemeral: !actor.isAdmin });
    return undefined;
  }
  const button = await deps.saveState('status', {
    requestedBy: actor.userId,
  } satisfies z.infer<typeof statusDetailsState>);
  await respond.reply({
    ...statusMessage(health, monitor, at, false),
    components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Details', custom_id: button }] }],
  });
  return undefined;
};
