// A vitest reporter that ends every run with the tests that did not run and why (their suite names
// carry the reason, e.g. "needs python3 with numpy and onnx"): a skipped check is said loudly at the
// end of the summary, never lost in the scroll-back.
import { relative } from 'node:path';
import type { Reporter, RunnerTask, RunnerTestFile } from 'vitest';

function skippedIn(task: RunnerTask, trail: string[], out: string[]): void {
  const path = [...trail, task.name];
  if (task.type === 'suite' && task.mode === 'skip' && task.tasks.length > 0) {
    out.push(`${path.join(' › ')} (${countTests(task)} tests)`);
    return;
  }
  if (task.type === 'test' && (task.mode === 'skip' || task.result?.state === 'skip')) {
    out.push(path.join(' › '));
    return;
  }
  if (task.type === 'suite') for (const child of task.tasks) skippedIn(child, path, out);
}

function countTests(task: RunnerTask): number {
  return task.type === 'suite' ? task.tasks.reduce((n, child) => n + countTests(child), 0) : 1;
}

export default class SkipReport implements Reporter {
  onFinished(files: RunnerTestFile[] = []): void {
    const lines: string[] = [];
    for (const file of files) {
      const skipped: string[] = [];
      for (const task of file.tasks) skippedIn(task, [], skipped);
      for (const line of skipped) lines.push(`  ${relative(process.cwd(), file.filepath)}: ${line}`);
    }
    if (lines.length === 0) return;
    process.stdout.write(
      `\n⚠  NOT RUN on this machine (${lines.length}) — each names what it needs:\n${lines.join('\n')}\n\n`,
    );
  }
}
