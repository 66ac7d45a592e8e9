import { hostname } from 'node:os';

// Who claimed an outbox row: `host:pid`. One SQLite file is used from one machine (WAL does not work
// over a network share), so a claimer on this host whose pid is gone died mid-send and its rows can
// be taken back at once. Anything we cannot check (another host, a pid reused by a live process)
// counts as alive and waits for the age rule instead.

export const thisProcess = (): string => `${hostname()}:${process.pid}`;

export function isGone(owner: string): boolean {
  const at = owner.lastIndexOf(':');
  const host = owner.slice(0, at);
  const pid = Number(owner.slice(at + 1));
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: it exists, it is someone else's
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
