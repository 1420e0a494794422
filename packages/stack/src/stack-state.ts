import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isAlive } from './local-files.ts';

/** What a running `npm start` tells other local tools (the console, migrations): where its dependencies are. */
export const stackStateSchema = z.object({
  pid: z.number().int(),
  databaseUrl: z.string(),
  redisUrl: z.string(),
  webUrl: z.string(),
  startedAt: z.string(),
});
export type StackState = z.infer<typeof stackStateSchema>;

export function stackStateFile(dataDir: string): string {
  return join(dataDir, 'stack.json');
}

/** Written when the stack is up (readable by its owner only: it holds the local passwords). */
export function writeStackState(dataDir: string, state: StackState): void {
  writeFileSync(stackStateFile(dataDir), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export function removeStackState(dataDir: string): void {
  rmSync(stackStateFile(dataDir), { force: true });
}

/** The state of the `npm start` running on DATA_DIR, or undefined when none runs. */
export function readStackState(dataDir: string): StackState | undefined {
  const file = stackStateFile(dataDir);
  let state: StackState;
  try {
    const parsed = stackStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) return undefined;
    state = parsed.data;
  } catch {
    return undefined;
  }
  return isAlive(state.pid) ? state : undefined;
}
