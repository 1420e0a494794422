import type { ComponentModule } from '../../dispatch/handler.ts';
import type { SuiteDeps } from './deps.ts';
import { statusDetailsState } from './status.ts';
import { statusMessage } from './status-view.ts';

/** The Details button under a /status summary: every check and the monitor, fresh, shown only to whoever clicked. */
export const statusDetails: ComponentModule<SuiteDeps, { requestedBy?: string | undefined }> = {
  prefix: 'status',
  command: 'status',
  state: statusDetailsState,
  async handle(deps, { respond }) {
    const [{ health }, monitor] = await Promise.all([deps.readHealth(), deps.readMonitor()]);
    await respond.reply({ ...statusMessage(health, monitor, new Date(deps.now()), true), ephemeral: true });
    return undefined;
  },
};
