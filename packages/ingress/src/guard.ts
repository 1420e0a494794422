import { type DiscordInteraction, type Logger, silentLogger } from '@autoalex/contracts';
import { defaultVisibility, type Visibility } from '@autoalex/discord';
import type { ClaimStore } from './claims.ts';
import { describeDiscordError } from './errors.ts';
import { ABANDONED, GUARD_ACK_VALUE } from './keys.ts';
import type { GuardResponder, InteractionTarget } from './responder.ts';
import {
  busyMessage,
  commandName,
  deferralBody,
  type InteractionKind,
  type InteractionResponseBody,
  interactionKind,
  refusedBody,
  unavailableBody,
} from './responses.ts';
import { systemTimers, type Timers } from './timers.ts';

/**
 * The deadline guard of ADR 0002. For every interaction the ingress received, it waits until
 * `deferAfterMs` after receipt, claims `ack` (SET NX) and, if it won, defers; at `busyAfterMs` it
 * claims `handled` with `abandoned` and, if it won, tells the user Autoalex is busy. It knows nothing
 * about commands beyond their type and default visibility.
 */

export const DEFAULT_DEFER_AFTER_MS = 2200;
export const DEFAULT_BUSY_AFTER_MS = 10_000;

export type GuardOutcome =
  /** The interactions service claimed `ack` first and answers itself. */
  | 'answered'
  /** The guard deferred; the interactions service then took the job and fills the deferral. */
  | 'deferred'
  /** The guard deferred and, nobody taking the job in time, replaced the deferral with the busy message. */
  | 'busy'
  /** Autocomplete cannot be deferred: the guard answered an empty choice list and abandoned it. */
  | 'autocomplete-empty'
  /** The interaction never reached the bus: the guard answered "busy" at once. */
  | 'unavailable'
  /** The bus contract refused the interaction: the guard said so at once (ADR 0228). */
  | 'refused'
  /** A Discord or Redis call of the guard failed (logged). */
  | 'failed'
  | 'cancelled'
  /** PING: nothing to guard. */
  | 'ignored';

export interface DeadlineGuardOptions {
  claims: ClaimStore;
  responder: GuardResponder;
  deferAfterMs?: number;
  busyAfterMs?: number;
  timers?: Timers;
  logger?: Logger;
  /** Default visibility of a command's first answer (the catalogue's, by default). */
  visibility?: (commandName: string | undefined) => Visibility;
  /** Called once per watched interaction (metrics). */
  onOutcome?: (outcome: GuardOutcome, kind: InteractionKind) => void;
}

export interface WatchOptions {
  /** Epoch ms when the ingress received the interaction; the deadlines count from here. */
  receivedAt: number;
  /** False when publishing to the bus failed: nobody else will answer, so answer at once. */
  published?: boolean;
  /**
   * The bus contract refused the interaction (malformed, nested too deep): nothing was published,
   * and the guard answers at once that it cannot be read, not "busy" (retrying would not help).
   */
  refused?: boolean;
  /** Sends the initial response another way (the HTTP ingress returns it as the HTTP body). */
  respond?: (body: InteractionResponseBody) => Promise<void>;
}

export interface GuardWatch {
  done: Promise<GuardOutcome>;
  /** Stops the pending steps (shutdown); a step already running finishes. */
  cancel(): void;
}

export interface DeadlineGuard {
  watch(interaction: DiscordInteraction, options: WatchOptions): GuardWatch;
  /**
   * For shutdown: waits until every watched interaction got past its deferral deadline (so none is
   * left without a first response), then cancels the busy steps still pending.
   */
  drain(): Promise<void>;
  /** Cancels every pending watch at once. */
  close(): void;
  /** Watches not finished yet. */
  readonly pending: number;
}

export function createDeadlineGuard(options: DeadlineGuardOptions): DeadlineGuard {
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const busyAfterMs = options.busyAfterMs ?? DEFAULT_BUSY_AFTER_MS;
  if (!(deferAfterMs >= 0 && busyAfterMs > deferAfterMs)) {
    throw new RangeError(
      `deadline guard: busyAfterMs (${busyAfterMs}) must be greater than deferAfterMs (${deferAfterMs}) >= 0`,
    );
  }
  const timers = options.timers ?? systemTimers;
  const log = (options.logger ?? silentLogger).child({ component: 'deadline-guard' });
  const visibilityOf = options.visibility ?? defaultVisibility;
  const { claims, responder } = options;
  const active = new Set<() => void>();
  /** Watches whose first step (deferral or "unavailable") has not run yet. */
  const beforeFirstStep = new Set<Promise<void>>();

  function watch(interaction: DiscordInteraction, watchOptions: WatchOptions): GuardWatch {
    const kind = interactionKind(interaction);
    const target: InteractionTarget = {
      id: interaction.id,
      applicationId: interaction.application_id,
      token: interaction.token,
    };
    const ixLog = log.child({ interactionId: interaction.id, kind });
    const respond = watchOptions.respond ?? ((body: InteractionResponseBody) => responder.respond(target, body));
    const visibility = visibilityOf(kind === 'command' ? commandName(interaction) : undefined);

    let timer: unknown;
    let finished = false;
    const result = Promise.withResolvers<GuardOutcome>();
    const firstStep = Promise.withResolvers<void>();
    beforeFirstStep.add(firstStep.promise);
    const firstStepDone = () => {
      beforeFirstStep.delete(firstStep.promise);
      firstStep.resolve();
    };
    const finish = (outcome: GuardOutcome) => {
      if (finished) return;
      finished = true;
      firstStepDone();
      active.delete(cancel);
      if (timer !== undefined) timers.clearTimeout(timer);
      options.onOutcome?.(outcome, kind);
      result.resolve(outcome);
    };
    const cancel = () => finish('cancelled');
    const at = (offsetMs: number, step: () => Promise<GuardOutcome | undefined>) => {
      const delay = Math.max(0, watchOptions.receivedAt + offsetMs - timers.now());
      timer = timers.setTimeout(() => {
        timer = undefined;
        if (finished) return;
        step().then(
          (outcome) => {
            if (outcome) finish(outcome);
          },
          (err: unknown) => {
            ixLog.error({ ...describeDiscordError(err) }, 'deadline guard step failed');
            finish('failed');
          },
        );
      }, delay);
    };

    /** Claims `ack` at the deferral deadline; Redis trouble counts as a win (a second ack only gets 40060). */
    const claimAck = async (): Promise<boolean> => {
      try {
        return await claims.claim(interaction.id, 'ack', GUARD_ACK_VALUE);
      } catch (err) {
        ixLog.warn({ ...describeDiscordError(err) }, 'cannot claim the acknowledgement in Redis; deferring anyway');
        return true;
      }
    };

    const deferStep = async (): Promise<GuardOutcome | undefined> => {
      try {
        return await deferAndSchedule();
      } finally {
        firstStepDone();
      }
    };

    const deferAndSchedule = async (): Promise<GuardOutcome | undefined> => {
      if (!(await claimAck())) return 'answered';
      const body = deferralBody(kind, visibility);
      try {
        await respond(body);
      } catch (err) {
        ixLog.warn({ ...describeDiscordError(err) }, 'the deferral was refused');
        return 'failed';
      }
      if (kind === 'autocomplete') {
        // Nothing left to answer: a late interactions worker drops the job.
        await claims.claim(interaction.id, 'handled', ABANDONED).catch(() => false);
        ixLog.info({}, 'no answer in time: sent empty autocomplete choices');
        return 'autocomplete-empty';
      }
      ixLog.info({ type: body.type }, 'no answer in time: deferred');
      if (finished) return undefined;
      at(busyAfterMs, busyStep);
      return undefined;
    };

    const busyStep = async (): Promise<GuardOutcome | undefined> => {
      let won: boolean;
      try {
        won = await claims.claim(interaction.id, 'handled', ABANDONED);
      } catch (err) {
        // Unknown whether someone took it: better silence than overwriting a real answer.
        ixLog.warn(
          { ...describeDiscordError(err) },
          'cannot claim the interaction in Redis; not sending the busy reply',
        );
        return 'failed';
      }
      if (!won) return 'deferred';
      try {
        if (kind === 'component') {
          // A deferred update's @original is the message the component sits on: do not overwrite it.
          await responder.followUp(target, busyMessage(true));
        } else {
          await responder.editOriginal(target, busyMessage(false));
        }
      } catch (err) {
        ixLog.warn({ ...describeDiscordError(err) }, 'the busy reply was refused');
        return 'failed';
      }
      ixLog.warn({}, 'nobody took the interaction in time: told the user Autoalex is busy');
      return 'busy';
    };

    const unavailableStep = async (): Promise<GuardOutcome | undefined> => {
      try {
        return await answerUnavailable();
      } finally {
        firstStepDone();
      }
    };

    const answerUnavailable = async (): Promise<GuardOutcome | undefined> => {
      // Best effort: Redis is likely what failed, and nobody else has the interaction anyway.
      await claims.claim(interaction.id, 'ack', GUARD_ACK_VALUE).catch(() => true);
      await claims.claim(interaction.id, 'handled', ABANDONED).catch(() => true);
      try {
        await respond(watchOptions.refused ? refusedBody(kind) : unavailableBody(kind));
      } catch (err) {
        ixLog.warn({ ...describeDiscordError(err) }, 'the "unavailable" answer was refused');
        return 'failed';
      }
      return watchOptions.refused ? 'refused' : 'unavailable';
    };

    if (kind === 'ping') {
      finish('ignored');
    } else {
      active.add(cancel);
      if (watchOptions.published === false || watchOptions.refused) at(0, unavailableStep);
      else at(deferAfterMs, deferStep);
    }
    return { done: result.promise, cancel };
  }

  return {
    watch,
    async drain() {
      while (beforeFirstStep.size > 0) await Promise.all([...beforeFirstStep]);
      for (const cancel of [...active]) cancel();
    },
    close() {
      for (const cancel of [...active]) cancel();
    },
    get pending() {
      return active.size;
    },
  };
}
