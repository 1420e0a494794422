import { type DiscordInteraction, type Logger, silentLogger } from '@autoalex/contracts';
import { defaultVisibility, type Visibility } from '@autoalex/discord';
import type { ClaimStore } from './claims.ts';
import { describeDiscordError } from './errors.ts';
import { ABANDONED, GUARD_ACK_VALUE, INTERACTION_KEY_TTL_MS } from './keys.ts';
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
 *
 * Redis away (ADR 0230): no step waits on a claim longer than `claimTimeoutMs`. An interaction that
 * never reached the bus is answered "busy" at once whatever the claims do; the deferral goes out
 * when `ack` cannot be decided; the busy step, which must not overwrite an answer it cannot see,
 * asks again every `claimRetryMs` until Redis decides (or the token expires).
 */

export const DEFAULT_DEFER_AFTER_MS = 2200;
export const DEFAULT_BUSY_AFTER_MS = 10_000;
/** Longest wait for one claim: Discord's 3 s leave little room after the deferral deadline. */
export const DEFAULT_CLAIM_TIMEOUT_MS = 400;
export const DEFAULT_CLAIM_RETRY_MS = 2000;

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
  /** Longest wait for one Redis claim before the step goes on without it (default 400 ms). */
  claimTimeoutMs?: number;
  /** How often the busy step asks again while Redis cannot decide `handled` (default 2 s). */
  claimRetryMs?: number;
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
  const claimTimeoutMs = options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
  const claimRetryMs = options.claimRetryMs ?? DEFAULT_CLAIM_RETRY_MS;
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

    /** One SET NX claim, rejected when Redis does not decide it within `claimTimeoutMs`. */
    const claim = (which: 'ack' | 'handled', value: string): Promise<boolean> =>
      new Promise((resolve, reject) => {
        const timeout = timers.setTimeout(
          () => reject(new Error(`Redis did not decide the ${which} claim within ${claimTimeoutMs} ms`)),
          claimTimeoutMs,
        );
        claims.claim(interaction.id, which, value).then(
          (won) => {
            timers.clearTimeout(timeout);
            resolve(won);
          },
          (err: unknown) => {
            timers.clearTimeout(timeout);
            reject(err);
          },
        );
      });

    /** Claims `ack` at the deferral deadline; Redis trouble counts as a win (a second ack only gets 40060). */
    const claimAck = async (): Promise<boolean> => {
      try {
        return await claim('ack', GUARD_ACK_VALUE);
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
        await claim('handled', ABANDONED).catch(() => false);
        ixLog.info({}, 'no answer in time: sent empty autocomplete choices');
        return 'autocomplete-empty';
      }
      ixLog.info({ type: body.type }, 'no answer in time: deferred');
      if (finished) return undefined;
      at(busyAfterMs, busyStep);
      return undefined;
    };

    let busyRetries = 0;
    const busyStep = async (): Promise<GuardOutcome | undefined> => {
      let won: boolean;
      try {
        won = await claim('handled', ABANDONED);
      } catch (err) {
        // Unknown whether someone took it: overwriting a real answer would be worse than waiting, so
        // ask again until Redis decides; then exactly one of the guard and the interactions service answers.
        const next = timers.now() - watchOptions.receivedAt + claimRetryMs;
        if (next < INTERACTION_KEY_TTL_MS - claimRetryMs) {
          if (busyRetries++ === 0) {
            ixLog.warn(
              { ...describeDiscordError(err) },
              'cannot claim the interaction in Redis; asking again until Redis answers',
            );
          }
          if (!finished) at(next, busyStep);
          return undefined;
        }
        ixLog.warn(
          { ...describeDiscordError(err) },
          'cannot claim the interaction in Redis before its token expires; not sending the busy reply',
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
      // Best effort and bounded: Redis is likely what failed, and nobody else has the interaction
      // anyway. Claimed first (if Redis answers) so that a job that did land is dropped, not answered.
      await Promise.all([
        claim('ack', GUARD_ACK_VALUE).catch(() => true),
        claim('handled', ABANDONED).catch(() => true),
      ]);
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
