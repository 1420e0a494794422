import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// `npm run bench -- <name>` runs outside vitest: a bench that pulls in a test-only module (one that
// imports vitest) would fail only there. Load every bench module in a plain Node process.
const run = promisify(execFile);
const benches = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.bench.ts'));

describe('bench modules', () => {
  it.each(benches)('%s loads in plain Node', async (file) => {
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(new URL(file, import.meta.url).href)}); console.log('loaded');`,
    ]);
    expect(stdout.trim()).toBe('loaded');
  });
});
