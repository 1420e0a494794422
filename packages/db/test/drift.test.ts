import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A schema change without a committed migration fails here: drizzle-kit generates into a copy of
// the committed migrations and must find nothing to do. (Needs no database; takes about a second.)

const pkg = join(import.meta.dirname, '..');
// bin.cjs is not in drizzle-kit's exports map; it sits beside the package's main file.
const drizzleKit = join(dirname(createRequire(join(pkg, 'package.json')).resolve('drizzle-kit')), 'bin.cjs');
const work = mkdtempSync(join(tmpdir(), 'autoalex-db-drift-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('committed migrations', () => {
  it('match the schema', () => {
    const out = join(work, 'migrations');
    cpSync(join(pkg, 'migrations'), out, { recursive: true });
    const before = readdirSync(out).sort();
    writeFileSync(
      join(work, 'drizzle.config.mjs'),
      `export default ${JSON.stringify({ dialect: 'postgresql', schema: join(pkg, 'src/schema/index.ts'), out: 'migrations' })};\n`,
    );
    const result = spawnSync(process.execPath, [drizzleKit, 'generate', '--config', join(work, 'drizzle.config.mjs')], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    // (out is relative: drizzle-kit prefixes "./" to it.)
    // drizzle-kit 0.31 exits 0 even when it fails, so success is its "nothing to do" message.
    expect(result.status, output).toBe(0);
    expect(output).not.toMatch(/\bError\b/);
    const added = readdirSync(out).filter((f) => !before.includes(f));
    expect(added, `schema changed without a migration; run \`pnpm --filter @autoalex/db generate\`\n${output}`).toEqual(
      [],
    );
    expect(output).toContain('No schema changes');
  });
});
