import { readFileSync } from 'node:fs';

/** The recorded Tautulli v2.17.2 answers bundled with this package (fixtures/, see its README). */
export const TAUTULLI_FIXTURES_DIR = new URL('../../fixtures/', import.meta.url);

/** The raw text of a recorded answer, e.g. `get_history-user-bob.json`. */
export function tautulliFixtureText(name: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`not a fixture name: ${name}`);
  return readFileSync(new URL(name, TAUTULLI_FIXTURES_DIR), 'utf8');
}

/** A recorded answer parsed (for .json fixtures). */
export function tautulliFixture(name: string): { response: { result: string; message: string | null; data: unknown } } {
  return JSON.parse(tautulliFixtureText(name)) as {
    response: { result: string; message: string | null; data: unknown };
  };
}
