import { type UsageResult, usage } from '@autoalex/listening';
import type { Resources } from '../resources.ts';
import { type CardRenderer, createCardRenderer } from './cards.ts';
import { createLibraryReads, type LibraryReads } from './library-reads.ts';

/** What /usage, /completion and /compare need. */
export interface ListeningDeps {
  /** The library mirror, listening history and linked accounts in Postgres — never a live upstream. */
  readonly library: LibraryReads;
  /** Tautulli's live activity (/usage). */
  readonly usage: {
    /** TAUTULLI_URL and TAUTULLI_API_KEY are set. */
    readonly configured: boolean;
    /** One live call; never throws (`not-configured` without Tautulli). */
    read(): Promise<UsageResult>;
  };
  /** PNG cards for /completion and /compare; a rejection means "send the text instead". */
  readonly cards: CardRenderer;
}

/** Width of the covers the cards ask Plex for. */
const ART_WIDTH = 160;

export function listeningDeps(resources: Resources): ListeningDeps {
  const { db, plex, tautulli } = resources;
  return {
    library: createLibraryReads(db, { threshold: resources.listenedThreshold }),
    usage: { configured: tautulli !== undefined, read: () => usage({ tautulli }) },
    cards: createCardRenderer(plex ? (thumb) => plex.thumbnail(thumb, { width: ART_WIDTH }) : undefined),
  };
}
