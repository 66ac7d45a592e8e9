import type { MessagePort } from 'node:worker_threads';

// What the main thread and the PostgreSQL worker (pg-worker.ts) say to each other (sync-pg.ts).

export interface BridgeRequest {
  /** one statement with parameters (extended protocol), or several without (simple protocol) */
  op: 'query' | 'exec';
  text: string;
  values?: unknown[];
  /** rows as arrays of values in column order, not objects */
  array?: boolean;
}

export type BridgeReply =
  | { ok: true; rows: unknown[]; rowCount: number; fields: string[] }
  | { ok: false; message: string; code?: string; detail?: string };

export interface BridgeStart {
  url: string;
  port: MessagePort;
  /** [0]: 1 once the worker has answered (or connected), set back to 0 by the caller before each request */
  signal: Int32Array;
}
