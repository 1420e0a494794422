import type { ShutdownHook } from './context.ts';
import { describeError } from './health.ts';
import type { Logger } from './logger.ts';

export interface Shutdown {
  add(name: string, hook: ShutdownHook): void;
  /**
   * Runs the hooks in reverse order of registration, one after another; a failing hook is logged
   * and the next one still runs. Resolves `true` when all finished before the deadline, `false`
   * when the deadline passed first. Calling it again returns the same promise.
   * `after`: work to let settle first, inside the same deadline (a start still in progress, which
   * may register more hooks).
   */
  run(reason: string, after?: Promise<unknown>): Promise<boolean>;
  readonly running: boolean;
}

export function createShutdown(settings: { logger: Logger; timeoutMs: number }): Shutdown {
  const hooks: Array<{ name: string; hook: ShutdownHook }> = [];
  let result: Promise<boolean> | undefined;
  let current: string | undefined;
  let expired = false;

  async function runHooks(after: Promise<unknown> | undefined): Promise<void> {
    if (after)
      await after.then(
        () => {},
        () => {},
      );
    for (const { name, hook } of [...hooks].reverse()) {
      if (expired) return; // the process is exiting; do not start more work
      current = name;
      try {
        await hook();
        settings.logger.debug({ hook: name }, 'shutdown: done');
      } catch (err) {
        settings.logger.error({ hook: name, detail: describeError(err) }, `shutdown: ${name} failed`);
      }
    }
    current = undefined;
  }

  return {
    add(name, hook) {
      hooks.push({ name, hook });
    },
    get running() {
      return result !== undefined;
    },
    run(reason, after) {
      result ??= (async () => {
        settings.logger.info({ reason, timeoutMs: settings.timeoutMs }, `shutting down (${reason})`);
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), settings.timeoutMs);
        });
        const finished = await Promise.race([runHooks(after).then(() => true as const), deadline]);
        clearTimeout(timer);
        expired = !finished;
        if (finished) settings.logger.info('shutdown complete');
        else
          settings.logger.error(
            { hook: current, timeoutMs: settings.timeoutMs },
            `shutdown deadline of ${settings.timeoutMs} ms passed while "${current}" was still running`,
          );
        return finished;
      })();
      return result;
    },
  };
}
