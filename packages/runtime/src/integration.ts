import type { RuntimeContext } from './context.ts';

/**
 * Reports an integration that is not configured: one info line in the log and a `disabled` check in
 * /healthz, both with the same sentence (what is off and how to turn it on).
 */
export function reportDisabled(ctx: Pick<RuntimeContext, 'health' | 'logger'>, check: string, detail: string): void {
  ctx.health.disabled(check, detail);
  ctx.logger.info({ check }, detail);
}
