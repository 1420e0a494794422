import type { z } from 'zod';
import { ContractError, type ContractIssue } from './errors.ts';
import { type JobName, type JobPayload, QUEUES, type QueueName } from './queues.ts';

/** `['files', 0, 'storageKey']` → `files[0].storageKey`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Zod issues as field + message; a missing field reads "is required" whatever its schema says. */
export function toIssues(error: z.ZodError, data: unknown): ContractIssue[] {
  return error.issues.map((issue) => ({
    field: fieldPath(issue.path),
    message:
      (issue.code === 'invalid_type' || issue.code === 'invalid_union') && valueAt(data, issue.path) === undefined
        ? 'is required'
        : issue.message,
  }));
}

export function isQueueName(name: string): name is QueueName {
  return Object.hasOwn(QUEUES, name);
}

export function isJobName<Q extends QueueName>(queue: Q, name: string): name is JobName<Q> {
  return Object.hasOwn(QUEUES[queue].jobs, name);
}

/** The schema of one job; throws ContractError for an unknown queue or job name. */
export function jobSchema(queue: string, name: string): z.ZodType {
  if (!isQueueName(queue)) throw new ContractError(queue, undefined, 'unknown queue');
  if (!isJobName(queue, name)) {
    throw new ContractError(queue, name, `unknown job (known: ${Object.keys(QUEUES[queue].jobs).join(', ')})`);
  }
  return (QUEUES[queue].jobs as Record<string, z.ZodType>)[name] as z.ZodType;
}

/** Parses a payload with its job's schema; throws ContractError naming each bad field. */
export function parseJob<Q extends QueueName, N extends JobName<Q>>(queue: Q, name: N, data: unknown): JobPayload<Q, N>;
export function parseJob(queue: string, name: string, data: unknown): unknown;
export function parseJob(queue: string, name: string, data: unknown): unknown {
  const result = jobSchema(queue, name).safeParse(data);
  if (!result.success) throw new ContractError(queue, name, 'invalid payload', toIssues(result.error, data));
  return result.data;
}
