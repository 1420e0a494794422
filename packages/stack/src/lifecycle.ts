export interface Stoppable {
  name: string;
  /** Graceful stop; resolves once it is down. */
  stop(): Promise<void>;
  /** Immediate, synchronous (a second Ctrl-C, or the process exiting). */
  force(): void;
}

/**
 * What the stack started, stopped in reverse order: services first, then Redis, then Postgres.
 * `shutdown` runs once (later calls get the same promise); `force` needs no waiting.
 */
export class Lifecycle {
  readonly #parts: Stoppable[] = [];
  #shutdown: Promise<void> | undefined;

  get stopping(): boolean {
    return this.#shutdown !== undefined;
  }

  add(part: Stoppable): void {
    this.#parts.push(part);
  }

  /** Waits for `before` (the start-up in progress) to settle, then stops everything it started. */
  shutdown(
    before: Promise<unknown> = Promise.resolve(),
    onError?: (name: string, err: unknown) => void,
  ): Promise<void> {
    this.#shutdown ??= before
      .catch(() => {})
      .then(async () => {
        for (const part of [...this.#parts].reverse()) {
          try {
            await part.stop();
          } catch (err) {
            onError?.(part.name, err);
          }
        }
      });
    return this.#shutdown;
  }

  force(): void {
    for (const part of [...this.#parts].reverse()) part.force();
  }
}
