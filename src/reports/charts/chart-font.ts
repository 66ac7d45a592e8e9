import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromPackageRoot } from '../../shared/package-root';
import { canvasLib } from './chart-libs';

// Charts draw with a TTF shipped in assets/fonts (DejaVu Sans, Bitstream Vera licence beside it), never
// a system font: the same data gives the same picture on a laptop, a container and CI. Registered under
// a family name no machine has, so a fallback can never be picked silently.

export const CHART_FONT_FAMILY = 'SqueezebotSans';

const FONT_DIR = fromPackageRoot('assets', 'fonts');
const FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let registered = false;

/** Registers the bundled fonts once per process; throws when a file is missing (a broken install). */
export function registerChartFonts(): void {
  if (registered) return;
  for (const file of FILES) {
    const path = resolve(FONT_DIR, file);
    if (!existsSync(path)) throw new Error(`chart font missing: ${path}`);
    // the bold face joins the same family; canvas picks it by weight
    if (!canvasLib().GlobalFonts.registerFromPath(path, CHART_FONT_FAMILY))
      throw new Error(`chart font not registered: ${path}`);
  }
  registered = true;
}
