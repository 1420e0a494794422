import type { InteractionJob, Logger } from '@autoalex/contracts';
import { type CustomId, defaultVisibility, parseOptions, type Responder } from '@autoalex/discord';
import type { ClaimStore } from '@autoalex/ingress';
import { type HandlerResult, reject } from './handler.ts';
import { type Actor, actorOf, commandNameOf, componentNoun, customIdOf, dataOf, INTERACTION } from './interaction.ts';
import * as text from './messages.ts';
import { ACK_VALUE, claimHandled, type GuardDeferral, type OwnedResponder, ownedResponder } from './ownership.ts';
import type { RateLimitVerdict } from './rate-limit.ts';
import type { Registries } from './registry.ts';
import { replyTargetFor } from './reply.ts';
import { type Route, route } from './router.ts';

/** What the dispatcher needs; each feature's handlers get their own deps through `registries`. */
export interface DispatchDeps {
  /** Every command and component family with its feature's deps (features/index.ts). */
  readonly registries: Registries;
  readonly claims: ClaimStore;
  /** The value of `{p}:ix:{id}:handled` (to tell `abandoned` from another pickup). */
  readHandled(interactionId: string): Promise<string | null>;
  /** This replica, written into `handled`. */
  readonly instance: string;
  /** Counts one interaction against the user's and the guild's limits. */
  rateLimit(who: { userId: string | undefined; guildId: string | undefined }): Promise<RateLimitVerdict>;
  /** The responder for the job's source; undefined when nobody can be answered. */
  responderFor(job: InteractionJob, log: Logger): Responder | undefined;
  /** The state behind a component's custom_id; undefined once it expired. */
  loadState(id: CustomId): Promise<unknown>;
  /** Called once per job with how it ended (metrics). */
  readonly onOutcome?: (kind: Route['kind'] | 'none', outcome: InteractionOutcome) => void;
}

/** How one interaction job ended. */
export type InteractionOutcome = 'ok' | 'rejected' | 'failed' | 'handed-off' | 'dropped' | 'unanswerable';

/**
 * The `interaction` job: claim `handled` (drop what the deadline guard gave up on), pick the
 * responder for the source, route, rate-limit, run the handler. A fault is logged once, here, with
 * the correlation id, and the user gets a clear ephemeral message; the job itself then completes
 * (an acknowledgement is not retried). The console learns that the answer is complete.
 */
export async function handleInteraction(
  deps: DispatchDeps,
  job: InteractionJob,
  log: Logger,
): Promise<InteractionOutcome> {
  const { interaction, meta } = job;
  const done = (kind: Route['kind'] | 'none', outcome: InteractionOutcome) => {
    deps.onOutcome?.(kind, outcome);
    return outcome;
  };

  const pickup = await claimHandled(deps.claims, deps.readHandled, interaction.id, `${ACK_VALUE}:${deps.instance}`);
  if (pickup === 'drop') {
    log.info({}, 'dropped: the deadline guard gave up on this interaction and told the user');
    return done('none', 'dropped');
  }

  const inner = deps.responderFor(job, log);
  if (inner === undefined) {
    log.warn({ source: job.source }, 'dropped: a console interaction whose token is not a console session id');
    return done('none', 'unanswerable');
  }
  const respond = ownedResponder(inner, {
    claimAck: () => deps.claims.claim(interaction.id, 'ack', ACK_VALUE),
    guard: guardDeferral(job),
    log,
  });
  const actor = actorOf(interaction);
  const chosen = route(deps.registries, interaction);

  let outcome: InteractionOutcome;
  try {
    const result = await run(deps, chosen, { job, actor, respond, log });
    outcome = result === 'rejected' ? 'rejected' : result === 'handed-off' ? 'handed-off' : 'ok';
  } catch (err) {
    log.error(
      { err, correlationId: meta.correlationId, route: chosen.kind, command: commandNameOf(interaction) },
      'interaction failed',
    );
    await tellFault(respond, chosen, meta.correlationId, log);
    outcome = 'failed';
  }
  if (outcome !== 'handed-off') {
    await respond.complete(outcome === 'ok' ? 'ok' : 'error').catch((err: unknown) => {
      log.warn({ err }, 'could not mark the answer complete');
    });
  }
  return done(chosen.kind, outcome);
}

interface RunInput {
  job: InteractionJob;
  actor: Actor;
  respond: OwnedResponder;
  log: Logger;
}

async function run(deps: DispatchDeps, chosen: Route, input: RunInput): Promise<HandlerResult> {
  const { job, actor, respond, log } = input;
  const { interaction } = job;
  const base = { interaction, actor, respond, log, meta: job.meta, reply: replyTargetFor(job) };
  if (chosen.kind === 'ignore') return undefined;

  if (chosen.kind === 'autocomplete') {
    const parsed = parseOptions(chosen.name, dataOf(interaction).options);
    if (!parsed.ok || parsed.kind !== 'autocomplete' || chosen.module.autocomplete === undefined) {
      await respond.autocomplete([]);
      return undefined;
    }
    await chosen.module.autocomplete(chosen.deps, {
      ...base,
      command: chosen.name,
      subcommand: parsed.subcommand,
      focused: parsed.focused,
      options: parsed.values,
    });
    return undefined;
  }

  const verdict = await deps.rateLimit(actor);
  if (!verdict.allowed) {
    log.info({ scope: verdict.scope, userId: actor.userId, guildId: actor.guildId }, 'rate limited');
    return reject(respond, text.rateLimited(verdict.scope, verdict.retryAfterSeconds));
  }

  switch (chosen.kind) {
    case 'unknown-command':
      return reject(respond, text.unknownCommand(chosen.name));
    case 'expired':
      return reject(respond, text.expired(chosen.noun, chosen.command));
    case 'command': {
      // A command that is not available says so, whatever its options.
      if (chosen.module.unavailable) {
        return chosen.module.handle(chosen.deps, { ...base, command: chosen.name, options: {} });
      }
      const parsed = parseOptions(chosen.name, dataOf(interaction).options);
      if (!parsed.ok) return reject(respond, text.invalidOptions(chosen.name, parsed.errors));
      if (parsed.kind !== 'command')
        return reject(respond, text.invalidOptions(chosen.name, ['an option is still being typed']));
      return chosen.module.handle(chosen.deps, { ...base, command: chosen.name, options: parsed.values });
    }
    case 'component': {
      const stored = await deps.loadState(chosen.id);
      const state = stored === undefined ? undefined : chosen.module.state.safeParse(stored);
      if (!state?.success) return reject(respond, text.expired(componentNoun(interaction), chosen.module.command));
      return chosen.module.handle(chosen.deps, {
        ...base,
        customId: customIdOf(interaction) ?? '',
        state: state.data,
        data: dataOf(interaction),
      });
    }
  }
}

/** Tells the user about a fault in the way the initial response still allows. */
async function tellFault(respond: OwnedResponder, chosen: Route, correlationId: string, log: Logger): Promise<void> {
  const content = text.fault(correlationId);
  try {
    if (chosen.kind === 'autocomplete') {
      if (respond.state === 'none') await respond.autocomplete([]);
    } else if (respond.state === 'none') await respond.reply({ content, ephemeral: true });
    else if (respond.state === 'deferred') await respond.editOriginal({ content });
    else await respond.followUp({ content, ephemeral: true });
  } catch (err) {
    log.warn({ err }, 'could not tell the user about the failure');
  }
}

/** What the deadline guard sends when it wins `ack` (ADR 0002), from static data only. */
function guardDeferral(job: InteractionJob): GuardDeferral {
  switch (job.interaction.type) {
    case INTERACTION.component:
      return { kind: 'update' };
    case INTERACTION.autocomplete:
      return { kind: 'autocomplete' };
    case INTERACTION.modal:
      return { kind: 'message', visibility: defaultVisibility(undefined) };
    default:
      return { kind: 'message', visibility: defaultVisibility(commandNameOf(job.interaction)) };
  }
}
