export interface ContractIssue {
  /** Dotted path of the offending field, e.g. `reply.channelId` or `files[0].storageKey`. */
  field: string;
  message: string;
}

/** A payload does not match its schema, or a queue/job name or handler map is wrong. */
export class ContractError extends Error {
  readonly queue: string;
  readonly job: string | undefined;
  readonly issues: readonly ContractIssue[];

  constructor(queue: string, job: string | undefined, problem: string, issues: readonly ContractIssue[] = []) {
    const where = job === undefined ? queue : `${queue}/${job}`;
    const details = issues.map((i) => `${i.field || '(payload)'}: ${i.message}`).join('; ');
    super(details ? `${where}: ${problem}: ${details}` : `${where}: ${problem}`);
    this.name = 'ContractError';
    this.queue = queue;
    this.job = job;
    this.issues = issues;
  }
}

/** Redis did not answer: nothing was enqueued. */
export class BusUnavailableError extends Error {
  constructor(queue: string, job: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${queue}/${job}: not enqueued, Redis is unavailable (${reason})`, { cause });
    this.name = 'BusUnavailableError';
  }
}
