/** The part of a ZodError this reads (structural, so this package needs no zod). */
export interface IssueList {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/**
 * A short, secret-free account of why an answer did not match its schema: the first few issues with
 * their paths (`MediaContainer.Directory[0].key: Invalid input`), for a client's `bad-response`.
 */
export function describeIssues(error: IssueList, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `${path || '(root)'}: ${issue.message}`;
  });
  const more = error.issues.length > max ? ` (+${error.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
