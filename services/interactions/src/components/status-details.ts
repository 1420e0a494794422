import { statusDetailsState } from '../commands/status.ts';
import type { ComponentModule } from '../handler-types.ts';
import { statusMessage } from '../views/status-view.ts';

/** The Details button under a /status summary: every check, fresh, shown only to whoever clicked. */
export const statusDetails: ComponentModule<{ requestedBy?: string | undefined }> = {
  prefix: 'status',
  command: 'status',
  state: statusDetailsState,
  async handle(deps, { respond }) {
    const { health } = await deps.readHealth();
    await respond.reply({ ...statusMessage(health, new Date(deps.now()), true), ephemeral: true });
    return undefined;
  },
};
