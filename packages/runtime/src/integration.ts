import type { RuntimeContext } from './context.ts';
import type { Check, CheckOptions } from './health.ts';

/** The config with the variables an integration requires known to be set. */
export type Configured<C, R extends keyof C> = Omit<C, R> & { [K in R]-?: NonNullable<C[K]> };

/**
 * One external system a service may use (Discord, Plex, Docker, storage…), defined once
 * (ADR 0223): the variables it needs, how its client is built, how /healthz checks it and what a
 * service says when it is not configured. A `main.ts` uses it in one line with `useIntegration`.
 *
 * - `C`: the config variables it reads; `R`: those that must be set for it to be on;
 * - `T`: the client a service gets; `O`: per-service client options (timeouts, retries…);
 * - `Off`: what a service gets when it is off (undefined, or a reduced client such as Discord REST
 *   without a bot token, which still answers interactions).
 */
export interface Integration<C, R extends keyof C & string, T, O = undefined, Off = undefined> {
  /** The check's name in /healthz, e.g. `plex`. */
  readonly name: string;
  /** Variables that must all be set, in the order a newcomer sets them (address first, then its key). */
  readonly requires: readonly R[];
  /** What is off when a service does not say more, e.g. `Plex features are disabled`. */
  readonly without: string;
  client(config: Configured<C, R>, options: O): T;
  check(client: T, config: Configured<C, R>): Check;
  readonly checkOptions?: CheckOptions;
  /** Closes the client on shutdown (a hook named after the integration). */
  close?(client: T): Promise<void> | void;
  /** The sentence of `disabled` in /healthz and the log; default: `notSetSentence`. */
  disabledSentence?(missing: readonly R[], said: Said): string;
  off?(config: C, options: O, detail: string): Off;
}

/** What a service says about an integration it has no settings for. */
export interface Said {
  /** What this service cannot do without it, e.g. `/usage says Tautulli is not configured`. */
  without: string;
  /** What setting it makes possible, after "set it in .env": `connect the bot`. */
  to?: string | undefined;
}

/** What `useIntegration` hands back: the client, or `Off` when it can be off (it requires a variable). */
export type Used<R, T, Off> = [R] extends [never] ? T : T | Off;

export type Use<O> = Partial<Said> & (undefined extends O ? { client?: O } : { client: O });

type IntegrationContext<C> = Pick<RuntimeContext, 'health' | 'logger' | 'onShutdown'> & { config: C };

/**
 * Builds the integration's client and registers its health check, or, when a required variable is
 * unset, reports it `disabled` (one log line and /healthz, the same sentence) and hands back its
 * `off` value (undefined unless the integration defines one).
 */
export function useIntegration<C, R extends keyof C & string, T, O, Off>(
  ctx: IntegrationContext<NoInfer<C>>,
  integration: Integration<C, R, T, O, Off>,
  ...[use]: undefined extends O ? [use?: Use<O>] : [use: Use<O>]
): Used<R, T, Off> {
  const options = use?.client as O;
  const missing = integration.requires.filter((name) => !ctx.config[name]);
  if (missing.length > 0) {
    const said = { without: use?.without ?? integration.without, to: use?.to };
    const detail = (integration.disabledSentence ?? notSetSentence(integration.requires))(missing, said);
    reportDisabled(ctx, integration.name, detail);
    return integration.off?.(ctx.config, options, detail) as Used<R, T, Off>;
  }
  const config = ctx.config as Configured<C, R>;
  const client = integration.client(config, options);
  const { close } = integration;
  if (close) ctx.onShutdown(integration.name, () => close(client));
  ctx.health.register(integration.name, integration.check(client, config), integration.checkOptions);
  return client;
}

/**
 * The usual sentence: the first unset variable, what is off, and what to set: all of them when the
 * first (the address) is missing, else just that one. `PLEX_URL is not set: Plex library features
 * are disabled; set PLEX_URL and PLEX_TOKEN in .env`.
 */
export function notSetSentence<R extends string>(requires: readonly R[]) {
  return (missing: readonly R[], said: Said): string => {
    const first = missing[0];
    const names = first === requires[0] && requires.length > 1 ? listed(requires) : 'it';
    return `${first} is not set: ${said.without}; set ${names} in .env${said.to ? ` to ${said.to}` : ''}`;
  };
}

/** `A`, `A and B`, `A, B and C`. */
export function listed(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Reports an integration that is not configured: one info line in the log and a `disabled` check in
 * /healthz, both with the same sentence (what is off and how to turn it on).
 */
export function reportDisabled(ctx: Pick<RuntimeContext, 'health' | 'logger'>, check: string, detail: string): void {
  ctx.health.disabled(check, detail);
  ctx.logger.info({ check }, detail);
}
