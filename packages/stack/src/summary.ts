import { relative } from 'node:path';
import type { Env } from '@autoalex/config';

export type Row = readonly [label: string, text: string];

interface Integration {
  label: string;
  /** Every variable the integration needs. */
  variables: readonly string[];
  /** What the suite does without it. */
  without: string;
}

const INTEGRATIONS: readonly Integration[] = [
  { label: 'Discord', variables: ['DISCORD_TOKEN'], without: 'the bot stays offline, everything else runs' },
  {
    label: 'Plex',
    variables: ['PLEX_URL', 'PLEX_TOKEN'],
    without: 'library sync, remixes of library tracks, health alerts and playlists are off',
  },
  {
    label: 'Tautulli',
    variables: ['TAUTULLI_URL', 'TAUTULLI_API_KEY'],
    without: 'listening activity and battles are off',
  },
  { label: 'Suno', variables: ['SUNO_API_URL', 'SUNO_API_KEY'], without: 'song generation is off' },
  {
    label: 'Web login',
    variables: ['DISCORD_APPLICATION_ID', 'DISCORD_CLIENT_SECRET', 'SESSION_SECRET', 'ENCRYPTION_KEY'],
    without: 'Discord login to the dashboard is off',
  },
];

/** Set means a non-empty value, or a NAME_FILE pointing at one (as loadConfig reads it). */
function isSet(env: Env, name: string): boolean {
  return Boolean(env[name]) || Boolean(env[`${name}_FILE`]);
}

export interface SummaryFacts {
  root: string;
  dataDir: string;
  /** Whether /var/run/docker.sock exists on this machine. */
  dockerSocket: boolean;
}

/** One row per integration: configured or not, and what is off without it. Never prints a value. */
export function integrationRows(env: Env, facts: SummaryFacts): Row[] {
  const rows: Row[] = INTEGRATIONS.map(({ label, variables, without }) => {
    const missing = variables.filter((name) => !isSet(env, name));
    if (missing.length === variables.length) return [label, `not configured (${variables.join(', ')}) — ${without}`];
    if (missing.length > 0) return [label, `partly configured: ${missing.join(', ')} missing`];
    return [label, 'configured'];
  });
  if (env.S3_BUCKET)
    rows.push(['Storage', `S3 bucket ${env.S3_BUCKET}${env.S3_ENDPOINT ? ` at ${hostOf(env.S3_ENDPOINT)}` : ''}`]);
  else
    rows.push([
      'Storage',
      `local disk at ${shortPath(facts.root, env.STORAGE_DIR || `${facts.dataDir}/blobs`)} (S3_BUCKET unset)`,
    ]);
  if (env.DOCKER_HOST) rows.push(['Docker', `DOCKER_HOST ${hostOf(env.DOCKER_HOST)}`]);
  else if (facts.dockerSocket) rows.push(['Docker', 'socket at /var/run/docker.sock']);
  else rows.push(['Docker', 'no socket (/var/run/docker.sock or DOCKER_HOST) — container-log diagnostics are off']);
  return rows;
}

/** host:port of a URL, never its credentials. */
export function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host || parsed.pathname;
  } catch {
    return '(unreadable URL)';
  }
}

/** `path` relative to the repository when it is inside it. */
export function shortPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') && !rel.startsWith('/') ? rel : path;
}

/** Aligned `label  text` lines, indented. */
export function formatRows(rows: readonly Row[]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`);
}
