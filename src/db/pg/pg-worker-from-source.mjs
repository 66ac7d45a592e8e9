// The PostgreSQL worker run from the sources (tests, SQUEEZEBOT_FROM_SOURCE=1): a worker thread does not
// inherit the parent's tsx hooks, so it registers them before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./pg-worker.ts');
