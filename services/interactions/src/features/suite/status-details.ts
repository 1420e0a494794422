import { statusDetailsState } from '../commands/status.ts';
import type { ComponentModule } from '../handler-types.ts';
import { statusMessage } from '../views/status-view.ts';

/** The Details button under a /status summary: every check and the monitor, fresh, shown only to whoever clicked. */
export const statusDetails: ComponentModule<{ requestedBy?: string | undefined }> = {
  prefix: 'status',
  command: 'status',
  state: statusDetailsState,
  async handle(deps, { respond }) {
    const [{ health }, monitor] = await Promise.all([deps.readHealth(), deps.readMonitor()]);
    await respond.reply({ ...statusMessage(health, monitor, new Date(deps.now()), true), ephemeral: true });
    return undefined;
  },
};
