import { type Bus, ContractError, discordInteraction, type Logger } from '@autoalex/contracts';
import { type DeadlineGuard, publishInteraction } from '@autoalex/ingress';

export interface RelayInteractionDeps {
  bus: Pick<Bus, 'enqueue'>;
  guard: DeadlineGuard;
  logger: Logger;
  now?: () => number;
}

/**
 * INTERACTION_CREATE → the `interactions` queue, untouched, and the deadline guard on it. If the bus
 * is down the guard answers "busy" at once; if the bus contract refuses it (options nested too deep,
 * ADR 0228) the guard tells the user at once that it cannot be read. An interaction without the
 * fields every interaction has is logged and dropped (nobody could answer it).
 */
export async function relayInteraction(deps: RelayInteractionDeps, raw: unknown): Promise<void> {
  const receivedAt = (deps.now ?? Date.now)();
  const parsed = discordInteraction.safeParse(raw);
  if (!parsed.success) {
    deps.logger.warn(
      { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
      'dropped an INTERACTION_CREATE that is not a valid interaction',
    );
    return;
  }
  const log = deps.logger.child({ interactionId: parsed.data.id });
  let published = true;
  try {
    const { correlationId } = await publishInteraction({ bus: deps.bus }, raw, 'gateway', receivedAt);
    log.debug({ correlationId }, 'interaction published');
  } catch (err) {
    if (err instanceof ContractError) {
      log.warn({ detail: err.message }, 'the bus contract refuses the interaction; telling the user');
      deps.guard.watch(parsed.data, { receivedAt, published: false, refused: true });
      return;
    }
    published = false;
    log.error({ detail: err instanceof Error ? err.message : String(err) }, 'cannot publish the interaction');
  }
  deps.guard.watch(parsed.data, { receivedAt, published });
}
