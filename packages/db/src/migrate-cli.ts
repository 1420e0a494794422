// `npm run migrate`: applies the committed migrations to DATABASE_URL and exits.
import { ConfigError, database, loadConfig, redact } from '@autoalex/config';
import { migrate } from './migrate.ts';

async function main(): Promise<number> {
  try {
    const config = loadConfig({ ...database }, process.env);
    await migrate(config.DATABASE_URL, { logger: { info: (m) => console.info(`migrate: ${m}`) } });
    return 0;
  } catch (err) {
    console.error(`migrate: failed: ${describe(err)}`);
    return 1;
  }
}

function describe(err: unknown): string {
  if (err instanceof ConfigError) return err.problems.join('; ');
  let message = err instanceof Error ? err.message || err.name : String(err);
  // drizzle wraps driver errors ("Failed query: …"); the cause says what Postgres objected to.
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error && cause.message && !message.includes(cause.message)) message += `: ${cause.message}`;
  const code = (err as { code?: unknown }).code;
  const text = typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
  return redact(text.replace(/\s+/g, ' ').trim());
}

process.exitCode = await main();
