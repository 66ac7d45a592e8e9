import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** ../shared/data beside the project: real public files, never committed here. */
export const SHARED_DATA = resolve(import.meta.dirname, '../../../shared/data');
export const hasSharedData = existsSync(SHARED_DATA);
export const SHARED_SKIP_MESSAGE = `skipped: ${SHARED_DATA} is absent (real FINRA/Yahoo files live there, outside the project)`;
if (!hasSharedData) console.warn(SHARED_SKIP_MESSAGE);

export function sharedPath(...parts: string[]): string {
  return resolve(SHARED_DATA, ...parts);
}
