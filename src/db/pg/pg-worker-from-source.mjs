// The PostgreSQL worker run from the sources (tests, SQUEEZEBOT_FROM_SOURCE=1): a worker thread does not
// inherit the parent's tsx hooks, so it registers them before importing the TypeScript worker. A
// failure to load is answered like a failed connection: the opener is blocked waiting for an answer
// and would otherwise only learn of it at its timeout.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

try {
  register();
  await import('./pg-worker.ts');
} catch (err) {
  workerData.port.postMessage({ ok: false, message: `the PostgreSQL worker did not load: ${String(err)}` });
  Atomics.store(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
}
