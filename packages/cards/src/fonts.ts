import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

/** The family every card uses: Noto Sans from the @fontsource/noto-sans npm package (no system fonts). */
export const CARD_FONT = 'Autoalex Card Sans';

const SUBSETS = ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese', 'devanagari'];
const WEIGHTS = [400, 700];

let registered = false;
const require = createRequire(import.meta.url);

/** Registers the bundled font files once per process (idempotent). Throws when the package is missing. */
export function ensureFonts(): void {
  if (registered) return;
  for (const subset of SUBSETS) {
    for (const weight of WEIGHTS) {
      const file = require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff2`);
      const key = GlobalFonts.registerFromPath(file, CARD_FONT);
      if (!key) throw new Error(`could not load the card font noto-sans-${subset}-${weight}`);
    }
  }
  registered = true;
}

export const font = (size: number, weight: 400 | 700 = 400) =>
  `${weight === 700 ? 'bold ' : ''}${size}px "${CARD_FONT}"`;
